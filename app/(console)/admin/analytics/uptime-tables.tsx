import type { CustomerUptime, DeviceUptime } from "@/lib/analytics/uptime";
import { ChartCard } from "./chart-card";

const MAX_DEVICE_ROWS = 50;
const cell = "py-1 pr-3 text-right";

/** Uptime per customer and per device (lowest first) over the selected range, from the connectivity history. */
export function UptimeTables({ devices, customers, deviceCsv, customerCsv }: { devices: DeviceUptime[]; customers: CustomerUptime[]; deviceCsv: string; customerCsv: string }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard id="customer-uptime" title="Uptime per customer" csvHref={customerCsv} empty={!customers.length}>
        <table className="w-full text-left text-sm" data-testid="customer-uptime-table">
          <caption className="sr-only">Share of time online per customer over the range, since each device was deployed</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3">Customer</th>
              <th scope="col" className={cell}>Devices</th>
              <th scope="col" className={cell}>Online h</th>
              <th scope="col" className="py-1 text-right">Uptime</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={c.customerId ?? "none"} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">{c.customer}</th>
                <td className={cell}>{c.devices}</td>
                <td className={cell}>{c.onlineHours.toFixed(1)} / {c.observedHours.toFixed(1)}</td>
                <td className="py-1 text-right font-medium">{c.uptimePct.toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartCard>
      <ChartCard id="fleet-uptime" title="Uptime per device (lowest first)" csvHref={deviceCsv} empty={!devices.length}>
        <table className="w-full text-left text-sm" data-testid="device-uptime-table">
          <caption className="sr-only">Share of time online per device over the range, since it was deployed</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3">Device</th>
              <th scope="col" className="py-1 pr-3">Customer</th>
              <th scope="col" className={cell}>Online h</th>
              <th scope="col" className="py-1 text-right">Uptime</th>
            </tr>
          </thead>
          <tbody>
            {devices.slice(0, MAX_DEVICE_ROWS).map((d) => (
              <tr key={d.deviceId} className="border-b border-slate-100">
                <th scope="row" className="py-1 pr-3 font-normal">
                  #{d.deviceId} {d.device} <span className="text-slate-500">{d.serialNumber}</span>
                </th>
                <td className="py-1 pr-3">{d.customer ?? "—"}</td>
                <td className={cell}>{d.onlineHours.toFixed(1)} / {d.observedHours.toFixed(1)}</td>
                <td className="py-1 text-right font-medium">{d.uptimePct.toFixed(1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
        {devices.length > MAX_DEVICE_ROWS ? <p className="mt-2 text-xs text-slate-600">The {MAX_DEVICE_ROWS} lowest of {devices.length}; the CSV has them all.</p> : null}
      </ChartCard>
    </div>
  );
}
