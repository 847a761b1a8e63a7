import { useId } from "react";

interface FrameProps {
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  /** Renders the control with the id and ARIA attributes that tie it to its label and message. */
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => React.ReactNode;
}

/**
 * Label, control and validation message, announced and tied together (aria-describedby).
 * The API's field messages are fragments ("must be …"): they read as a sentence with the label.
 */
function FieldFrame({ label, error, hint, className, children }: FrameProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error || hint ? messageId : undefined,
        className: `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-slate-500 ${
          error ? "border-red-500" : "border-slate-300"
        }`,
      })}
      {error ? (
        <p id={messageId} role="alert" className="mt-1 text-sm text-red-600">
          {/^[a-z]/.test(error) ? `${label} ${error}` : error}
        </p>
      ) : hint ? (
        <p id={messageId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
}

export function FormField({ label, error, hint, className, ...input }: FieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}

interface TextAreaProps extends React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string;
  hint?: string;
  /** Monospace text, for code-like content (JSON, CSV). */
  mono?: boolean;
}

export function TextAreaField({ label, error, hint, mono, className, ...input }: TextAreaProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea {...control} className={`${control.className} ${mono ? "font-mono" : ""}`} {...input} />}
    </FieldFrame>
  );
}
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}

export function SubmitButton({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
    >
      {pending ? "Working…" : children}
    </button>
  );
}
