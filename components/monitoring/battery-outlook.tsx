import { readBatteryHistory } from "@/lib/insights/battery-alerts";
import { forecastBattery } from "@/lib/insights/battery-forecast";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * When the battery reaches 10 %, from the hourly rollups of the last 7 days (168 point reads,
 * never raw readings) — the same history the worker's `battery_low_soon` alert is forecast from.
 * The caller has checked that the user may watch the device.
 */
export async function BatteryOutlook({ deviceId }: { deviceId: number }) {
  const points = await readBatteryHistory(deviceId, new Date()).catch(() => null);
  if (!points?.length) return null;
  const f = forecastBattery(points);
  return (
    <section aria-labelledby="battery-outlook" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="battery-outlook">
      <h2 id="battery-outlook" className="text-lg font-medium">Battery outlook</h2>
      {f.status === "discharging" ? (
        <p className="mt-1 text-sm">
          At {f.level.toFixed(1)} %, draining {(-f.ratePerDay).toFixed(2)} points a day: reaches 10 % around{" "}
          <strong>{day.format(f.reachesAt)}</strong> (likely between {day.format(f.earliest)} and {f.latest ? day.format(f.latest) : "later"}).
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{f.message}.</p>
      )}
    </section>
  );
}
