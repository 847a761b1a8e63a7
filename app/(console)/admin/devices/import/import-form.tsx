"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, TextAreaField } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import type { ImportReport } from "@/lib/inventory/csv-import";

const EXAMPLE = 'serialNumber,name,type,model,price,description,specifications\nTH-100-90001,Temperature & Humidity Sensor,sensor,TH-100,49.90,,"{""battery"":""CR2477""}"';

/** Paste or pick a CSV, check it (dry run, per-row errors), then apply it. */
export function ImportForm() {
  const router = useRouter();
  const toast = useToast();
  const [text, setText] = useState("");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function send(dryRun: boolean) {
    setPending(true);
    setMessage(null);
    const result = await apiFetch<ImportReport>(`/api/devices/import?dryRun=${dryRun}`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: text,
    });
    setPending(false);
    if (result.ok) {
      setReport(result.data);
      setCheckedText(dryRun ? text : null);
      if (!dryRun) {
        toast("CSV imported.");
        router.refresh();
      }
      return;
    }
    // An apply refused for invalid rows carries the same report as a dry run.
    const details = result.details as ImportReport | undefined;
    if (details?.errors) setReport(details);
    setMessage(result.message);
  }

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > 1024 * 1024) {
      setMessage("The file is larger than 1 MB; split it into smaller files.");
      return;
    }
    setText(await file.text());
    setReport(null);
    setCheckedText(null);
  }

  const canApply = checkedText === text && report?.dryRun && report.errorCount === 0 && text.trim() !== "";
  return (
    <div className="max-w-4xl space-y-4">
      <FormError message={message} />
      <div>
        <label htmlFor="csv-file" className="block text-sm font-medium text-slate-700">
          CSV file
        </label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={onFile} className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-slate-100" />
      </div>
      <TextAreaField
        label="…or paste CSV"
        name="csv"
        rows={10}
        value={text}
        spellCheck={false}
        placeholder={EXAMPLE}
        onChange={(e) => {
          setText(e.target.value);
          setReport(null);
        }}
        mono
      />
      <div className="flex gap-3">
        <button type="button" disabled={pending || !text.trim()} onClick={() => send(true)} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100 disabled:opacity-50">
          Check (dry run)
        </button>
        <button type="button" disabled={pending || !canApply} onClick={() => send(false)} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
          Apply import
        </button>
      </div>
      <div aria-live="polite">{report ? <ImportSummary report={report} /> : null}</div>
    </div>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  const verb = report.dryRun ? "Would add" : "Added";
  return (
    <div className="space-y-3" data-testid="import-report">
      <p className="text-sm">
        {report.rows} {report.rows === 1 ? "row" : "rows"}: {verb} {report.created}, {report.dryRun ? "would update" : "updated"} {report.updated},{" "}
        {report.unchanged} unchanged.
        {!report.dryRun && report.errorCount === 0 ? (
          <>
            {" "}
            <Link href="/admin/devices" className="underline">
              Back to the inventory
            </Link>
          </>
        ) : null}
      </p>
      {report.errorCount > 0 ? (
        <div>
          <p className="text-sm font-medium text-red-700">
            {report.errorCount} {report.errorCount === 1 ? "problem" : "problems"} — nothing will be imported until they are fixed
            {report.errors.length < report.errorCount ? ` (first ${report.errors.length} shown)` : ""}.
          </p>
          <table className="mt-2 min-w-full text-sm" data-testid="import-errors">
            <thead className="text-left text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">Row</th>
                <th scope="col" className="py-1 pr-4 font-medium">Field</th>
                <th scope="col" className="py-1 font-medium">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td className="py-1 pr-4 tabular-nums">{e.row}</td>
                  <td className="py-1 pr-4 font-mono">{e.field}</td>
                  <td className="py-1">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
