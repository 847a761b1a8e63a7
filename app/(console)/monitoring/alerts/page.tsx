import type { Metadata } from "next";
import { isAdmin } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { fieldDeviceWhere } from "@/lib/monitoring/fleet";
import { vapidFromConfig } from "@/lib/push/settings";
import { AlertsBoard } from "./alerts-board";

export const metadata: Metadata = { title: "Alerts" };

const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser("monitoring:read");
  const sp = await searchParams;
  const { where } = await fieldDeviceWhere(user);
  const devices = await db().device.findMany({ where, orderBy: { name: "asc" }, take: 500, select: { id: true, name: true, serialNumber: true } });
  const deviceId = devices.some((d) => String(d.id) === sp.deviceId) ? sp.deviceId! : "";
  return (
    <AlertsBoard
      admin={isAdmin(user)}
      devices={devices}
      realtimeUrl={config().REALTIME_URL}
      pushPublicKey={vapidFromConfig(config())?.publicKey ?? null}
      initialFilter={{
        status: pick(sp.status, ["open", "acknowledged", "cleared", "all"] as const, "open"),
        severity: pick(sp.severity, ["", "info", "warning", "critical"] as const, ""),
        deviceId,
      }}
    />
  );
}
