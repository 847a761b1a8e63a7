import { afterAll, describe, expect, it } from "vitest";
import type { AlertChange } from "@/lib/monitoring/alert-raise";
import type { ConnectivityEvent } from "@/lib/monitoring/alert-model";
import { ConnectivityDetector, CONNECTIVITY_HISTORY, OFFLINE_ALERT } from "@/lib/monitoring/connectivity-detector";
import { OwnerLock } from "@/lib/monitoring/owner-lock";
import { adminToken, api, DATABASE_URL, newDevice, sql } from "./helpers";
import { closeTelemetryClients, mongo, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

/** The offline detector against the real PostgreSQL and FerretDB, with a clock the test moves. */
const alerts = () => mongo().collection("device_alerts");
const history = () => mongo().collection(CONNECTIVITY_HISTORY);
const deviceRow = async (id: number) =>
  (await sql().query("SELECT connectivity, connectivity_changed_at, last_seen_at FROM t_devices WHERE id = $1", [id])).rows[0];
const setLastSeen = (id: number, at: Date, connectivity?: string) =>
  connectivity
    ? sql().query("UPDATE t_devices SET last_seen_at = $2, connectivity = $3 WHERE id = $1", [id, at, connectivity])
    : sql().query("UPDATE t_devices SET last_seen_at = $2 WHERE id = $1", [id, at]);

let workers: Worker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => stopWorker(w)));
  await closeTelemetryClients();
});

describe("offline detection with a controllable clock", () => {
  it("moves a device never_connected → online → offline → online, with an offline alert, events and history", async () => {
    const device = await newDevice();
    await alerts().deleteMany({ device_id: device.id });
    await history().deleteMany({ device_id: device.id });
    const t0 = new Date();
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    let now = t0;
    const statuses: ConnectivityEvent[] = [];
    const alertChanges: AlertChange[] = [];
    // Its own lock key, so workers left running elsewhere cannot hold it.
    const detector = new ConnectivityDetector({
      mongo: mongo(),
      lock: new OwnerLock(DATABASE_URL, [7_400, 99]),
      policy: { k: 3, floorSec: 30, defaultIntervalSec: 60 },
      publishStatus: async (e) => void statuses.push(e),
      publishAlert: async (c) => void alertChanges.push(c),
      now: () => now,
    });
    const mine = async () => (await detector.tick()).filter((t) => t.device_id === device.id).map((t) => t.to);

    expect(await mine()).toEqual([]);
    expect((await deviceRow(device.id)).connectivity).toBe("never_connected");

    await setLastSeen(device.id, t0);
    now = at(10);
    expect(await mine()).toEqual(["online"]);
    expect(await deviceRow(device.id)).toMatchObject({ connectivity: "online", connectivity_changed_at: at(10) });

    now = at(180); // 3 × the default 60 s: still online
    expect(await mine()).toEqual([]);
    now = at(181);
    expect(await mine()).toEqual(["offline"]);
    const offline = await alerts().findOne({ device_id: device.id, alert_type: OFFLINE_ALERT, slot: "open" });
    expect(offline).toMatchObject({ status: "open", count: 1, severity: "warning" });
    now = at(240); // still silent: nothing new, the alert is not bumped every tick
    expect(await mine()).toEqual([]);
    expect((await alerts().findOne({ _id: offline!._id }))!.count).toBe(1);

    await setLastSeen(device.id, at(250));
    now = at(252);
    expect(await mine()).toEqual(["online"]);
    expect(await alerts().findOne({ _id: offline!._id })).toMatchObject({ status: "cleared", cleared_by: "system" });

    // A configured interval of 5 s gives 15 s, raised to the 30 s floor.
    const res = await api(`/api/devices/${device.id}/config`, { method: "PUT", token: await adminToken(), json: { reportingIntervalSec: 5, metrics: ["temperature"] } });
    expect(res.status).toBe(200);
    now = at(279);
    expect(await mine()).toEqual([]);
    now = at(281);
    expect(await mine()).toEqual(["offline"]);

    const mineEvents = statuses.filter((e) => e.deviceId === device.id);
    expect(mineEvents.map((e) => e.state)).toEqual(["online", "offline", "online", "offline"]);
    expect(mineEvents[1]).toMatchObject({ v: 1, type: "connectivity", since: at(181).toISOString(), lastSeenAt: t0.toISOString() });
    expect(alertChanges.filter((c) => c.alert.device_id === device.id).map((c) => c.action)).toEqual(["raised", "cleared", "raised"]);
    const transitions = await history().find({ device_id: device.id }).sort({ at: 1 }).toArray();
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      ["never_connected", "online"],
      ["online", "offline"],
      ["offline", "online"],
      ["online", "offline"],
    ]);
    await detector.stop();
  }, 60_000);
});

describe("one owner among several workers", () => {
  const holders = async () =>
    (
      await sql().query(
        `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.classid = 7400 AND l.objid = 1 AND l.granted
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows.map((r) => String(r.application_name));

  it("makes each transition once, and a survivor takes over when the owner is killed", async () => {
    const env = { CONNECTIVITY_CHECK_MS: "300" };
    workers = [startWorker(env), startWorker(env)];
    const owner = (await waitFor("one lock holder", async () => {
      const h = await holders();
      return h.length === 1 ? h[0] : null;
    }))!;
    const pids = workers.map((w) => `owner-lock-${w.child.pid}`);
    expect(pids).toContain(owner);

    const device = await newDevice();
    await alerts().deleteMany({ device_id: device.id });
    await history().deleteMany({ device_id: device.id });
    await setLastSeen(device.id, new Date(Date.now() - 600_000), "online");
    await waitFor("offline", async () => (await deviceRow(device.id)).connectivity === "offline");
    await waitFor("the offline alert", () => alerts().findOne({ device_id: device.id, alert_type: OFFLINE_ALERT, slot: "open" }));
    expect(await history().countDocuments({ device_id: device.id })).toBe(1);
    expect(await alerts().countDocuments({ device_id: device.id })).toBe(1);
    expect(await holders()).toHaveLength(1);

    // Kill the owner without a chance to clean up: PostgreSQL frees the lock with its connection.
    const ownerWorker = workers[pids.indexOf(owner)];
    await stopWorker(ownerWorker, "SIGKILL");
    const survivor = pids.find((p) => p !== owner)!;
    await waitFor("the survivor holding the lock", async () => (await holders()).join() === survivor);

    await setLastSeen(device.id, new Date());
    await waitFor("online again", async () => (await deviceRow(device.id)).connectivity === "online");
    await waitFor("the offline alert cleared", async () => (await alerts().countDocuments({ device_id: device.id, status: "cleared" })) === 1);
    expect(await history().countDocuments({ device_id: device.id })).toBe(2);
  }, 120_000);
});
