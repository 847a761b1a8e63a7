import { afterAll, describe, expect, it } from "vitest";
import { adminToken, api } from "./helpers";
import { configTopic, connectDevice, telemetryTopic, tryConnect } from "./mqtt-helpers";
import { closeTelemetryClients, countFor, fieldDevice, reading, startWorker, stopWorker, waitFor, type Worker } from "./telemetry-helpers";

let worker: Worker | undefined;
afterAll(async () => {
  await stopWorker(worker);
  await closeTelemetryClients();
});

const REFUSED = /Bad username or password|Not authorized|Connection refused/i;

describe("MQTT logins (RabbitMQ MQTT plugin → the app's HTTP auth backend)", () => {
  it("accepts a device's own id and token, and refuses a wrong password or an unknown device", async () => {
    const device = await fieldDevice();
    expect(await tryConnect(device)).toBe("connected");
    expect(await tryConnect({ ...device, token: device.token.slice(0, -2) + "xx" })).toMatch(REFUSED);
    expect(await tryConnect({ id: 999_999_999, token: device.token }, { clientId: "999999999" })).toMatch(REFUSED);
    // Another device's id with this token, and a client id that is not the device's own.
    const other = await fieldDevice();
    expect(await tryConnect({ id: other.id, token: device.token })).toMatch(REFUSED);
    expect(await tryConnect(device, { clientId: String(other.id) })).toMatch(REFUSED);
    // No credentials at all: the plugin's anonymous guest login is switched off.
    expect(await tryConnect(device, { username: undefined, password: undefined })).toMatch(REFUSED);
  }, 60_000);

  it("refuses a unit that is still in stock", async () => {
    const unit = await fieldDevice({ delivered: false });
    expect(await tryConnect(unit)).toMatch(REFUSED);
  }, 60_000);

  it("refuses a revoked or rotated token at the next connect, and closes an open session within a minute", async () => {
    worker = startWorker({ MQTT_REVOCATION_SWEEP_MS: "2000" });
    const device = await fieldDevice();
    const admin = await adminToken();

    const client = await connectDevice(device);
    let closed = false;
    client.on("close", () => (closed = true));
    expect((await api(`/api/devices/${device.id}/credentials`, { method: "DELETE", token: admin })).status).toBeLessThan(300);
    expect(await tryConnect(device, { clientId: `${device.id}-second` })).toMatch(REFUSED);
    await waitFor("the revoked device's open session to be closed", async () => closed, 60_000);
    await client.endAsync(true);

    // Rotation: the old token stops working, the new one works.
    const fresh = await api(`/api/devices/${device.id}/credentials`, { method: "POST", token: admin });
    expect(fresh.status).toBe(201);
    const rotated = await api(`/api/devices/${device.id}/credentials`, { method: "POST", token: admin });
    expect(await tryConnect({ id: device.id, token: fresh.body.token })).toMatch(REFUSED);
    expect(await tryConnect({ id: device.id, token: rotated.body.token })).toBe("connected");
  }, 120_000);

  it("lets a device publish only to its own telemetry topic and subscribe only to its own config", async () => {
    if (!worker) worker = startWorker();
    const a = await fieldDevice();
    const b = await fieldDevice();
    // RabbitMQ 3.10 answers a forbidden subscription by closing the session (others answer SUBACK 0x80).
    const subscribeRefused = async (topic: string) => {
      const client = await connectDevice(a);
      const outcome = await client.subscribeAsync(topic, { qos: 1 }).then(
        (granted) => (granted.every((g) => g.qos === 128) ? "refused" : "granted"),
        () => "refused",
      );
      await client.endAsync(true);
      return outcome;
    };
    expect(await subscribeRefused(configTopic(b.id))).toBe("refused");
    expect(await subscribeRefused("devices/+/config")).toBe("refused");
    expect(await subscribeRefused("#")).toBe("refused");
    const ownSession = await connectDevice(a);
    expect((await ownSession.subscribeAsync(configTopic(a.id), { qos: 1 })).map((g) => g.qos)).toEqual([1]);
    await ownSession.endAsync();

    // Publishing to B's topic is refused by the broker (it drops A's session); nothing is stored for B.
    const clientA = await connectDevice(a);
    const dropped = new Promise<string>((resolve) => clientA.once("close", () => resolve("session closed")));
    const acked = clientA.publishAsync(telemetryTopic(b.id), JSON.stringify(reading(1)), { qos: 1 }).then(
      () => "acknowledged",
      (error: Error) => error.message,
    );
    expect(await Promise.race([acked, dropped])).toBe("session closed");
    await clientA.endAsync(true);

    // A's own topic still works, and B never got A's reading.
    const again = await connectDevice(a);
    await again.publishAsync(telemetryTopic(a.id), JSON.stringify(reading(2)), { qos: 1 });
    await again.endAsync();
    await waitFor("A's own reading stored", async () => (await countFor([a.id])) === 1, 60_000);
    expect(await countFor([b.id])).toBe(0);
  }, 120_000);
});
