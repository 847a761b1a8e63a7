"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { LiveIndicator } from "@/components/monitoring/live-indicator";
import { PushToggle } from "@/components/monitoring/push-toggle";
import { apiFetch } from "@/lib/client/api";
import { useMonitoringSocket } from "@/lib/client/use-monitoring-socket";
import type { AlertDto, AlertEvent } from "@/lib/monitoring/alert-model";
import type { Page } from "@/lib/pagination";
import { AlertRow } from "./alert-row";

export interface AlertFilter {
  status: "open" | "acknowledged" | "cleared" | "all";
  severity: "" | "info" | "warning" | "critical";
  deviceId: string;
}
interface Toast {
  key: number;
  text: string;
}

const selectClass = "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function AlertsBoard(props: { admin: boolean; devices: { id: number; name: string; serialNumber: string }[]; realtimeUrl: string; initialFilter: AlertFilter; pushPublicKey: string | null }) {
  const [filter, setFilter] = useState(props.initialFilter);
  const [page, setPage] = useState<Page<AlertDto> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const names = new Map(props.devices.map((d) => [d.id, d.name]));

  const load = useCallback(async (f: AlertFilter) => {
    const params = new URLSearchParams({ status: f.status, limit: "50" });
    if (f.severity) params.set("severity", f.severity);
    if (f.deviceId) params.set("deviceId", f.deviceId);
    const res = await apiFetch<Page<AlertDto>>(`/api/monitoring/alerts?${params}`);
    if (res.ok) {
      setPage(res.data);
      setError(null);
    } else setError(res.message);
  }, []);

  useEffect(() => {
    // Loading the list is what this effect is for: on mount and whenever a filter changes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load(filter);
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v && v !== "open"));
    window.history.replaceState(null, "", `/monitoring/alerts${params.size ? `?${params}` : ""}`);
  }, [filter, load]);

  const onAlert = (e: AlertEvent) => {
    if (e.action === "raised") {
      const key = Date.now() + Math.random();
      const device = names.get(e.alert.deviceId) ?? `Device ${e.alert.deviceId}`;
      setToasts((t) => [...t.slice(-3), { key, text: `New ${e.alert.severity} alert on ${device}: ${e.alert.message}` }]);
      setTimeout(() => setToasts((t) => t.filter((x) => x.key !== key)), 15_000);
    }
    void load(filter);
  };
  const live = useMonitoringSocket({ realtimeUrl: props.realtimeUrl, targets: props.admin ? [{ fleet: true }] : props.devices.map((d) => ({ deviceId: d.id })), onAlert, onResync: () => void load(filter) });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <LiveIndicator state={live} />
        {props.pushPublicKey ? <PushToggle publicKey={props.pushPublicKey} /> : null}
        <Link href="/monitoring" className="ml-auto text-sm text-sky-800 hover:underline">{props.admin ? "Fleet monitoring" : "My devices"}</Link>
      </div>

      <div role="status" aria-live="polite" className="fixed bottom-4 right-4 z-10 space-y-2" data-testid="toasts">
        {toasts.map((t) => (
          <div key={t.key} className="max-w-sm rounded-md bg-slate-900 px-4 py-3 text-sm text-white shadow-lg" data-testid="alert-toast">
            {t.text}
          </div>
        ))}
      </div>

      <form className="flex flex-wrap gap-4 rounded-lg border border-slate-200 bg-white p-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter alerts">
        <label className="text-sm">
          State
          <select className={selectClass} value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as AlertFilter["status"] })}>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="cleared">Cleared</option>
            <option value="all">All</option>
          </select>
        </label>
        <label className="text-sm">
          Severity
          <select className={selectClass} value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as AlertFilter["severity"] })}>
            <option value="">Any</option>
            <option value="critical">Critical</option>
            <option value="warning">Warning</option>
            <option value="info">Info</option>
          </select>
        </label>
        <label className="text-sm">
          Device
          <select className={selectClass} value={filter.deviceId} onChange={(e) => setFilter({ ...filter, deviceId: e.target.value })}>
            <option value="">All devices</option>
            {props.devices.map((d) => (
              <option key={d.id} value={String(d.id)}>{d.name} ({d.serialNumber})</option>
            ))}
          </select>
        </label>
      </form>

      {error ? <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">Alerts could not be loaded: {error}</p> : null}
      {page === null && !error ? <p className="text-sm text-slate-600" aria-busy="true">Loading alerts…</p> : null}
      {page && page.items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600" data-testid="alerts-empty">
          No {filter.status === "all" ? "" : filter.status} alerts{filter.severity || filter.deviceId ? " match these filters" : ""}.
        </p>
      ) : null}
      {page && page.items.length > 0 ? (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{page.total} alerts</caption>
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">Severity</th>
                <th scope="col" className="px-3 py-2">Alert</th>
                <th scope="col" className="px-3 py-2">Device</th>
                <th scope="col" className="px-3 py-2">State</th>
                <th scope="col" className="px-3 py-2">Raised</th>
                {props.admin ? <th scope="col" className="px-3 py-2">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <AlertRow key={a.id} alert={a} deviceName={names.get(a.deviceId) ?? `Device ${a.deviceId}`} admin={props.admin} onChanged={() => void load(filter)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page && page.total > page.items.length ? <p className="text-sm text-slate-600">Showing the newest {page.items.length} of {page.total}.</p> : null}
    </div>
  );
}
