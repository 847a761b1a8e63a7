import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BatteryOutlook } from "@/components/monitoring/battery-outlook";
import { ConnectivityBadge } from "@/components/monitoring/connectivity-badge";
import { isAdmin } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { listAlerts } from "@/lib/monitoring/alerts";
import { canWatchDevice } from "@/lib/monitoring/ownership";
import { latestReading } from "@/lib/monitoring/readings";
import { getDeviceTimeline } from "@/lib/monitoring/timeline";
import { readDeviceConfig } from "@/lib/provisioning/device-config";
import { DeviceLive } from "./device-live";

export const metadata: Metadata = { title: "Device monitoring" };

const time = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** The last 7 days of readings as CSV (computed per request, the page is dynamic). */
const weekExportHref = (id: number) => `/api/monitoring/data/${id}/export?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`;

export default async function DeviceMonitoringPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("monitoring:read");
  const raw = (await params).id;
  const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647 || !(await canWatchDevice(user, id))) notFound();
  const [device, cfg, latest, alerts, timeline] = await Promise.all([
    db().device.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, serialNumber: true, type: true, model: true, status: true, connectivity: true, lastSeenAt: true } }),
    readDeviceConfig(id),
    latestReading(id),
    listAlerts(user, { status: "all", deviceId: id, limit: 20 }),
    getDeviceTimeline(user, id),
  ]);
  const c = cfg.config;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/monitoring" className="text-sky-800 underline underline-offset-2">{isAdmin(user) ? "Fleet monitoring" : "My devices"}</Link>
        <span aria-hidden="true"> / </span>
        <span>{device.name}</span>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{device.name}</h1>
        <ConnectivityBadge state={device.connectivity} testId="device-connectivity" />
        <span className="text-sm text-slate-600">{device.serialNumber} · {device.type} · {device.model}</span>
        <a href={weekExportHref(id)} className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
          Export 7 days (CSV)
        </a>
      </div>

      <DeviceLive
        deviceId={id}
        metrics={c.metrics}
        thresholds={c.thresholds}
        realtimeUrl={config().REALTIME_URL}
        initialAlerts={alerts.items}
        admin={isAdmin(user)}
      />

      <BatteryOutlook deviceId={id} />

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="where" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="where" className="text-lg font-medium">Location and configuration</h2>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Location</dt>
            <dd data-testid="device-location">
              {c.locationLabel ? `${c.locationLabel} ` : ""}
              {latest?.location ? `(${latest.location.lat.toFixed(4)}, ${latest.location.lng.toFixed(4)})` : c.locationLabel ? "" : "Unknown"}
            </dd>
            <dt className="text-slate-600">Last seen</dt>
            <dd>{device.lastSeenAt ? `${time.format(device.lastSeenAt)} UTC` : "Never"}</dd>
            <dt className="text-slate-600">Reporting interval</dt>
            <dd>{c.reportingIntervalSec} s</dd>
            <dt className="text-slate-600">Metrics</dt>
            <dd>{c.metrics.join(", ")}</dd>
            <dt className="text-slate-600">Firmware</dt>
            <dd>{c.firmwareVersion ?? "—"}</dd>
            <dt className="text-slate-600">Thresholds</dt>
            <dd>
              {Object.keys(c.thresholds).length === 0
                ? "Defaults"
                : Object.entries(c.thresholds).map(([m, t]) => (
                    <div key={m}>
                      {m}: {t?.min !== undefined ? `min ${t.min}` : ""} {t?.max !== undefined ? `max ${t.max}` : ""} {t?.severity ? `(${t.severity})` : ""}
                    </div>
                  ))}
            </dd>
          </dl>
        </section>

        <section aria-labelledby="story" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="story" className="text-lg font-medium">Timeline</h2>
          {timeline.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing has happened to this unit yet.</p>
          ) : (
            <ol className="mt-2 space-y-2 border-l border-slate-200 pl-4 text-sm" data-testid="device-timeline">
              {timeline.map((e, i) => (
                <li key={i} data-kind={e.kind}>
                  <time dateTime={e.at} className="block text-xs text-slate-600">{time.format(new Date(e.at))} UTC</time>
                  <span className="font-medium">{e.label}</span>
                  {e.actor ? <span className="text-slate-600"> — {e.actor}{e.reason ? `: ${e.reason}` : ""}</span> : null}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
