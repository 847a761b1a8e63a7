"use client";

import { useId, useRef } from "react";

const buttonTone = {
  danger: "bg-red-700 text-white hover:bg-red-600",
  primary: "bg-slate-900 text-white hover:bg-slate-700",
};

/**
 * A button that asks before an irreversible action, in a modal <dialog> (Esc or Cancel closes
 * it; focus starts on Cancel, so Enter never confirms by accident).
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  title,
  body,
  confirmLabel,
  onConfirm,
  pending,
  tone = "primary",
  className,
}: {
  label: React.ReactNode;
  accessibleLabel?: string;
  title: string;
  body: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  pending?: boolean;
  tone?: keyof typeof buttonTone;
  className?: string;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" aria-label={accessibleLabel} disabled={pending} onClick={() => dialogRef.current?.showModal()} className={className}>
        {label}
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm text-slate-600">{body}</div>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <button type="button" autoFocus onClick={() => dialogRef.current?.close()} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
            Cancel
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={async () => {
              dialogRef.current?.close();
              await onConfirm();
            }}
            className={`rounded-md px-4 py-2 text-sm font-medium disabled:opacity-50 ${buttonTone[tone]}`}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
