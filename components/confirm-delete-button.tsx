"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { FormError } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";

interface Props {
  /** The API resource that `DELETE` removes. */
  url: string;
  /** What is deleted, as people know it ("SN-001", "Edge Gateway"): the button's accessible name and the dialog's title. */
  name: string;
  /** One sentence on what deleting does and when it is refused. */
  explanation: string;
  confirmLabel: string;
  /** Where to go once deleted (the list). */
  then: string;
}

/** Delete behind a modal confirmation (Esc or Cancel closes it); a refusal (409) is shown in the dialog. */
export function ConfirmDeleteButton({ url, name, explanation, confirmLabel, then }: Props) {
  const router = useRouter();
  const toast = useToast();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirmDelete() {
    setPending(true);
    setError(null);
    const result = await apiFetch(url, { method: "DELETE" });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    dialogRef.current?.close();
    toast(`Deleted ${name}.`);
    router.push(then);
    router.refresh();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setError(null);
          dialogRef.current?.showModal();
        }}
        className="rounded-md border border-red-300 bg-white px-3 py-2 text-sm text-red-700 hover:bg-red-50"
      >
        Delete
        <span className="sr-only"> {name}</span>
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-lg font-semibold">
          Delete {name}?
        </h2>
        <p className="mt-2 text-sm text-slate-600">{explanation}</p>
        <div className="mt-3">
          <FormError message={error} />
        </div>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" autoFocus onClick={() => dialogRef.current?.close()} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">
            Cancel
          </button>
          <button type="button" disabled={pending} onClick={confirmDelete} className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-600 disabled:opacity-50">
            {pending ? "Deleting…" : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
