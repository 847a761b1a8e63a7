"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { ConnectivityBadge } from "@/components/monitoring/connectivity-badge";
import { LiveIndicator } from "@/components/monitoring/live-indicator";
import { Sparkline } from "@/components/monitoring/sparkline";
import { apiFetch } from "@/lib/client/api";
import { useMonitoringSocket } from "@/lib/client/use-monitoring-socket";
import type { FleetDeviceRow, FleetStats } from "@/lib/monitoring/fleet";

type Row = FleetDeviceRow & { spark: (number | null)[] };

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "short", timeStyle: "medium" });
const when = (iso: string | null) => (iso ? time.format(new Date(iso)) : "Never");

export function FleetOverview(props: {
  admin: boolean;
  initialStats: FleetStats;
  devices: Row[];
  total: number;
  page: number;
  pageSize: number;
  sparkMetric: string;
  realtimeUrl: string;
}) {
  const [stats, setStats] = useState(props.initialStats);
  const [rows, setRows] = useState(props.devices);
  const [statsError, setStatsError] = useState(false);

  const refresh = useCallback(async () => {
    const res = await apiFetch<FleetStats>("/api/monitoring/stats");
    setStatsError(!res.ok);
    if (res.ok) setStats(res.data);
  }, []);

  // The ingest rate moves every minute; counts move with events, which also trigger a refresh.
  useEffect(() => {
    const timer = setInterval(refresh, 15_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const live = useMonitoringSocket({
    realtimeUrl: props.realtimeUrl,
    targets: props.admin ? [{ fleet: true }] : props.devices.map((d) => ({ deviceId: d.id })),
    onStatus: (e) => {
      setRows((rs) => rs.map((r) => (r.id === e.deviceId ? { ...r, connectivity: e.state, lastSeenAt: e.lastSeenAt ?? r.lastSeenAt } : r)));
      void refresh();
    },
    onTelemetry: (e) => setRows((rs) => rs.map((r) => (r.id === e.deviceId ? { ...r, lastSeenAt: e.timestamp } : r))),
    onAlert: () => void refresh(),
    onResync: () => void refresh(),
  });

  const title = props.admin ? "Fleet monitoring" : "My devices";
  const lastPage = Math.max(0, Math.ceil(props.total / props.pageSize) - 1);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <LiveIndicator state={live} />
        <Link href="/monitoring/alerts" className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
          Alerts
        </Link>
      </div>
      {statsError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The figures could not be refreshed; showing the last known values.
        </p>
      ) : null}

      <section aria-labelledby="fleet-figures" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <h2 id="fleet-figures" className="sr-only">Fleet figures</h2>
        <Figure label="Online" value={stats.connectivity.online} testId="count-online" />
        <Figure label="Offline" value={stats.connectivity.offline} testId="count-offline" />
        <Figure label="Never connected" value={stats.connectivity.neverConnected} testId="count-never" />
        <Figure label="Ingest rate" value={`${stats.ingest.readingsPerSec} readings/s`} testId="ingest-rate" />
      </section>

      <section aria-labelledby="open-alerts" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="open-alerts" className="text-lg font-medium">Open alerts</h2>
        <dl className="mt-2 flex gap-6 text-sm">
          {(["critical", "warning", "info"] as const).map((s) => (
            <div key={s} className="flex gap-2">
              <dt className="capitalize text-slate-600">{s}</dt>
              <dd className="font-semibold" data-testid={`alerts-${s}`}>{stats.openAlerts[s]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="devices-heading">
        <h2 id="devices-heading" className="mb-2 text-lg font-medium">
          Devices <span className="text-sm font-normal text-slate-600">({props.total})</span>
        </h2>
        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600" data-testid="fleet-empty">
            {props.admin ? "No devices are in the field yet. Units appear here once they are shipped." : "You have no devices yet. Units appear here once your order has shipped."}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">Device</th>
                  <th scope="col" className="px-3 py-2">Connectivity</th>
                  <th scope="col" className="px-3 py-2">Last seen</th>
                  <th scope="col" className="px-3 py-2">{props.sparkMetric} (24 h)</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100" data-testid={`device-row-${r.id}`}>
                    <td className="px-3 py-2">
                      <Link href={`/monitoring/devices/${r.id}`} className="font-medium text-sky-800 underline-offset-2 hover:underline">
                        {r.name}
                      </Link>
                      <div className="text-xs text-slate-600">{r.serialNumber} · {r.model}</div>
                    </td>
                    <td className="px-3 py-2"><ConnectivityBadge state={r.connectivity} testId={`connectivity-${r.id}`} /></td>
                    <td className="px-3 py-2" data-testid={`last-seen-${r.id}`}>{when(r.lastSeenAt)}</td>
                    <td className="px-3 py-2"><Sparkline values={r.spark} label={`${r.name} ${props.sparkMetric}, last 24 hours`} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {lastPage > 0 ? (
          <nav aria-label="Pages" className="mt-3 flex gap-2 text-sm">
            {props.page > 0 ? <Link className="rounded-md border border-slate-300 bg-white px-3 py-1" href={`/monitoring?page=${props.page - 1}`}>Previous</Link> : null}
            <span className="px-2 py-1 text-slate-600">Page {props.page + 1} of {lastPage + 1}</span>
            {props.page < lastPage ? <Link className="rounded-md border border-slate-300 bg-white px-3 py-1" href={`/monitoring?page=${props.page + 1}`}>Next</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="text-sm text-slate-600">{label}</div>
      <div className="mt-1 text-2xl font-semibold" data-testid={testId}>{value}</div>
    </div>
  );
}
