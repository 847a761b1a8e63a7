"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, FormField } from "@/components/form-field";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import type { DeviceConfig } from "@/lib/provisioning/schemas";

// Mirrors lib/telemetry/schema METRICS and provisioning SEVERITIES (client bundle: no server imports).
const METRICS = ["temperature", "humidity", "cpu_usage", "memory_usage", "battery_level"] as const;
const SEVERITIES = ["info", "warning", "critical"] as const;
const METRIC_LABEL: Record<string, string> = {
  temperature: "Temperature (°C)",
  humidity: "Humidity (%)",
  cpu_usage: "CPU usage (%)",
  memory_usage: "Memory usage (%)",
  battery_level: "Battery level (%)",
};

type Threshold = { min?: number; max?: number; severity?: (typeof SEVERITIES)[number] };

/** Reporting interval, metrics and per-metric thresholds; each save is a new version. */
export function ConfigForm({ deviceId, config }: { deviceId: number; config: DeviceConfig }) {
  const router = useRouter();
  const toast = useToast();
  const [metrics, setMetrics] = useState<string[]>(config.metrics);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const thresholds = (config.thresholds ?? {}) as Record<string, Threshold>;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fieldErrors: Record<string, string> = {};
    const interval = Number(form.get("interval"));
    if (!Number.isInteger(interval) || interval < 1 || interval > 86_400) fieldErrors.reportingIntervalSec = "Enter a whole number of seconds from 1 to 86400.";
    if (metrics.length === 0) fieldErrors.metrics = "Choose at least one metric to report.";
    const nextThresholds: Record<string, Threshold> = {};
    for (const m of metrics) {
      const min = String(form.get(`${m}-min`) ?? "").trim();
      const max = String(form.get(`${m}-max`) ?? "").trim();
      if (!min && !max) continue;
      const t: Threshold = { severity: String(form.get(`${m}-severity`)) as Threshold["severity"] };
      if (min) t.min = Number(min);
      if (max) t.max = Number(max);
      if ((min && !Number.isFinite(t.min)) || (max && !Number.isFinite(t.max))) fieldErrors[`thresholds.${m}`] = "Limits must be numbers.";
      else if (t.min !== undefined && t.max !== undefined && t.min >= t.max) fieldErrors[`thresholds.${m}`] = "The lower limit must be below the upper limit.";
      nextThresholds[m] = t;
    }
    setErrors(fieldErrors);
    setMessage(null);
    if (Object.keys(fieldErrors).length) return;
    const body = { ...config, reportingIntervalSec: interval, metrics, thresholds: nextThresholds };
    setPending(true);
    const result = await apiFetch<{ version: number }>(`/api/devices/${deviceId}/config`, { method: "PUT", json: body });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      setMessage(Object.keys(result.fieldErrors).length ? "Please correct the highlighted fields." : result.message);
      return;
    }
    toast(`Configuration saved as version ${result.data.version}.`);
    router.refresh();
  }

  const input = "w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
      <FormField
        label="Reporting interval (seconds)"
        name="interval"
        type="number"
        min={1}
        max={86400}
        defaultValue={config.reportingIntervalSec}
        error={errors.reportingIntervalSec}
        className="max-w-xs"
      />
      <fieldset aria-describedby={errors.metrics ? "metrics-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Metrics and alert thresholds</legend>
        <p className="text-xs text-slate-600">An alert opens when a reading falls below the lower or rises above the upper limit.</p>
        {errors.metrics ? (
          <p id="metrics-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.metrics}
          </p>
        ) : null}
        <ul className="mt-2 divide-y divide-slate-100">
          {METRICS.map((m) => {
            const on = metrics.includes(m);
            const t = thresholds[m] ?? {};
            const err = errors[`thresholds.${m}`];
            return (
              <li key={m} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2">
                <label className="flex w-44 items-center gap-2 text-sm">
                  <input type="checkbox" checked={on} onChange={(e) => setMetrics(e.target.checked ? [...metrics, m] : metrics.filter((x) => x !== m))} />
                  {METRIC_LABEL[m]}
                </label>
                {on ? (
                  <>
                    <label className="text-xs text-slate-700">
                      Lower limit
                      <input name={`${m}-min`} inputMode="decimal" defaultValue={t.min ?? ""} aria-invalid={err ? true : undefined} className={`ml-1 ${input}`} />
                    </label>
                    <label className="text-xs text-slate-700">
                      Upper limit
                      <input name={`${m}-max`} inputMode="decimal" defaultValue={t.max ?? ""} aria-invalid={err ? true : undefined} className={`ml-1 ${input}`} />
                    </label>
                    <label className="text-xs text-slate-700">
                      Severity
                      <select name={`${m}-severity`} defaultValue={t.severity ?? "warning"} className="ml-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
                        {SEVERITIES.map((s) => (
                          <option key={s} value={s}>
                            {s}
                          </option>
                        ))}
                      </select>
                    </label>
                    {err ? (
                      <p role="alert" className="basis-full text-sm text-red-700">
                        {METRIC_LABEL[m]}: {err}
                      </p>
                    ) : null}
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <FormError message={message} />
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
        {pending ? "Saving…" : "Save configuration"}
      </button>
    </form>
  );
}
