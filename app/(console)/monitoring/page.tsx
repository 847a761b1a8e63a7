import type { Metadata } from "next";
import { isAdmin } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { FLEET_PAGE_SIZE, getFleetStats, listFleetDevices } from "@/lib/monitoring/fleet";
import { readBuckets } from "@/lib/monitoring/stats";
import { FleetOverview } from "./fleet-overview";

export const metadata: Metadata = { title: "Monitoring" };

const SPARK_METRIC = "temperature";

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("monitoring:read");
  const raw = Number((await searchParams).page ?? "0");
  const page = Number.isSafeInteger(raw) && raw >= 0 && raw < 100_000 ? raw : 0;
  const now = new Date();
  const [stats, devices] = await Promise.all([getFleetStats(user, now), listFleetDevices(user, page)]);
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await Promise.all(
    devices.items.map(async (d) => ({
      ...d,
      spark: (await readBuckets(d.id, SPARK_METRIC, "1h", dayAgo, now)).buckets.map((b) => b.avg),
    })),
  );
  return (
    <FleetOverview
      admin={isAdmin(user)}
      initialStats={stats}
      devices={rows}
      total={devices.total}
      page={page}
      pageSize={FLEET_PAGE_SIZE}
      sparkMetric={SPARK_METRIC}
      realtimeUrl={config().REALTIME_URL}
    />
  );
}
