"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { SeverityBadge } from "@/components/monitoring/connectivity-badge";
import { LiveIndicator } from "@/components/monitoring/live-indicator";
import { apiFetch } from "@/lib/client/api";
import { useMonitoringSocket, type TelemetryEvent } from "@/lib/client/use-monitoring-socket";
import type { AlertDto } from "@/lib/monitoring/alert-model";
import type { DeviceStats } from "@/lib/monitoring/stats";
import { MetricChart, type Point } from "./metric-chart";

const RANGES = {
  "15m": { span: 15 * 60_000, interval: "1m", label: "15 min" },
  "1h": { span: 3_600_000, interval: "1m", label: "1 hour" },
  "24h": { span: 86_400_000, interval: "1h", label: "24 hours" },
  "7d": { span: 7 * 86_400_000, interval: "1h", label: "7 days" },
} as const;
type Range = keyof typeof RANGES;
type Thresholds = Partial<Record<string, { min?: number; max?: number; severity?: string }>>;

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });

export function DeviceLive(props: {
  deviceId: number;
  metrics: string[];
  thresholds: Thresholds;
  realtimeUrl: string;
  initialAlerts: AlertDto[];
  admin: boolean;
}) {
  const { deviceId, metrics } = props;
  const [range, setRange] = useState<Range>("1h");
  const [series, setSeries] = useState<Record<string, Point[]>>({});
  const [latest, setLatest] = useState<Record<string, { v: number; at: string }>>({});
  const [status, setStatus] = useState<"loading" | "ready" | "error">("loading");
  const [alerts, setAlerts] = useState(props.initialAlerts);

  const load = useCallback(async (r: Range) => {
    setStatus("loading");
    const { span, interval } = RANGES[r];
    const from = new Date(Date.now() - span).toISOString();
    const results = await Promise.all(
      metrics.map((m) => apiFetch<DeviceStats>(`/api/monitoring/stats?deviceId=${deviceId}&metric=${m}&interval=${interval}&from=${from}`)),
    );
    if (results.some((res) => !res.ok)) return setStatus("error");
    const next: Record<string, Point[]> = {};
    results.forEach((res, i) => {
      if (res.ok) next[metrics[i]] = res.data.buckets.map((b) => ({ t: Date.parse(b.start), v: b.avg }));
    });
    setSeries(next);
    setStatus("ready");
  }, [deviceId, metrics]);

  useEffect(() => {
    // Fetching on mount and on a range change is what this effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load(range);
  }, [load, range]);

  const onTelemetry = (e: TelemetryEvent) => {
    if (e.deviceId !== deviceId) return;
    const t = Date.parse(e.timestamp);
    const cutoff = Date.now() - RANGES[range].span;
    setSeries((s) => {
      const next = { ...s };
      for (const [m, v] of Object.entries(e.metrics)) {
        if (typeof v !== "number" || !next[m]) continue;
        next[m] = [...next[m].filter((p) => p.t >= cutoff), { t, v }];
      }
      return next;
    });
    setLatest((l) => {
      const next = { ...l };
      for (const [m, v] of Object.entries(e.metrics)) if (typeof v === "number") next[m] = { v, at: e.timestamp };
      return next;
    });
  };

  const live = useMonitoringSocket({
    realtimeUrl: props.realtimeUrl,
    targets: [{ deviceId }],
    onTelemetry,
    onAlert: (e) => {
      if (e.alert.deviceId !== deviceId) return;
      setAlerts((list) => [e.alert, ...list.filter((a) => a.id !== e.alert.id)]);
    },
    onResync: () => void load(range),
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <LiveIndicator state={live} />
        <div role="group" aria-label="Time range" className="ml-auto flex gap-1">
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              className={`rounded-md px-3 py-1.5 text-sm ${r === range ? "bg-slate-900 text-white" : "border border-slate-300 bg-white hover:bg-slate-100"}`}
            >
              {RANGES[r].label}
            </button>
          ))}
        </div>
      </div>

      {status === "error" ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The charts could not be loaded. <button type="button" className="underline" onClick={() => void load(range)}>Try again</button>
        </p>
      ) : null}
      <section aria-labelledby="charts" aria-busy={status === "loading"} className="grid gap-4 lg:grid-cols-2">
        <h2 id="charts" className="sr-only">Charts</h2>
        {metrics.map((m) => (
          <MetricChart key={m} metric={m} points={series[m] ?? []} threshold={props.thresholds[m]} latest={latest[m]} span={RANGES[range].span} />
        ))}
      </section>

      <section aria-labelledby="alert-history" className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-center gap-3">
          <h2 id="alert-history" className="text-lg font-medium">Alert history</h2>
          <Link href={`/monitoring/alerts?deviceId=${deviceId}`} className="ml-auto text-sm text-sky-800 hover:underline">All alerts of this device</Link>
        </div>
        {alerts.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No alerts so far.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="device-alerts">
            {alerts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2 py-2" data-status={a.status}>
                <SeverityBadge severity={a.severity} />
                <span className="font-medium">{a.message}</span>
                <span className="text-slate-600">{a.status}{a.count > 1 ? ` · ${a.count}×` : ""}</span>
                <time dateTime={a.createdAt} className="ml-auto text-xs text-slate-600">{time.format(new Date(a.createdAt))}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
