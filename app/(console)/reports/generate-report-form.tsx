"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";

const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/**
 * "Generate now": a real form (Enter submits, the button is focusable) that makes the month's
 * report on the server and says so in a toast; the list refreshes with it.
 */
export function GenerateReportForm({ admin, defaultPeriod }: { admin: boolean; defaultPeriod: string }) {
  const router = useRouter();
  const toast = useToast();
  const [kind, setKind] = useState<"store" | "fleet">(admin ? "store" : "fleet");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, unknown> = { kind, period: String(form.get("period") ?? "") || undefined };
    if (admin && kind === "fleet") body.customerId = Number(form.get("customerId"));
    setPending(true);
    setFieldErrors({});
    const result = await apiFetch<{ title: string; label: string }>("/api/reports", { method: "POST", json: body });
    setPending(false);
    if (!result.ok) {
      setFieldErrors(result.fieldErrors);
      toast(result.message, "error");
      return;
    }
    toast(`${result.data.title} is ready.`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Generate a report" data-testid="generate-report">
      {admin ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Report</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as "store" | "fleet")} className={input}>
            <option value="store">Store report</option>
            <option value="fleet">Fleet report for a customer</option>
          </select>
        </label>
      ) : null}
      {admin && kind === "fleet" ? (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Customer id</span>
          <input name="customerId" type="number" min={1} required className={`${input} w-32`} aria-invalid={fieldErrors.customerId ? true : undefined} />
          {fieldErrors.customerId ? <span className="text-xs text-red-700">{fieldErrors.customerId}</span> : null}
        </label>
      ) : null}
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Month</span>
        <input name="period" type="month" defaultValue={defaultPeriod} max={defaultPeriod} required className={input} aria-invalid={fieldErrors.period ? true : undefined} />
        {fieldErrors.period ? <span className="text-xs text-red-700">{fieldErrors.period}</span> : null}
      </label>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900 disabled:opacity-60"
      >
        {pending ? "Generating…" : "Generate now"}
      </button>
      <p className="w-full text-xs text-slate-500">
        The current month gives a month-to-date report; generating again replaces that month&apos;s report. Last month&apos;s reports are made automatically on the 1st.
      </p>
    </form>
  );
}
