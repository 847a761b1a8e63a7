import { describe, expect, it } from "vitest";
import { decide } from "./broker-auth";
import { appVhost, SERVICE_USER } from "./identity";

const vhost = appVhost();
const topic = (username: string, permission: string, routing_key: string) =>
  decide("topic", { username, vhost, resource: "topic", name: "amq.topic", permission, routing_key });
const resource = (username: string, resource: string, name: string, permission: string, client_id = username) =>
  decide("resource", { username, vhost, resource, name, permission, client_id });

describe("broker auth decisions", () => {
  it("lets a device write only its own telemetry and read only its own config", async () => {
    expect(await topic("42", "write", "devices.42.telemetry")).toBe("allow");
    expect(await topic("42", "read", "devices.42.config")).toBe("allow");
    expect(await topic("42", "write", "devices.43.telemetry")).toBe("deny");
    expect(await topic("42", "read", "devices.43.config")).toBe("deny");
    expect(await topic("42", "read", "devices.*.config")).toBe("deny");
    expect(await topic("42", "read", "#")).toBe("deny");
    expect(await topic("42", "write", "devices.42.config")).toBe("deny");
    expect(await topic("42", "read", "devices.42.telemetry")).toBe("deny");
  });

  it("lets the service write any device's config and nothing else", async () => {
    expect(await topic(SERVICE_USER, "write", "devices.7.config")).toBe("allow");
    expect(await topic(SERVICE_USER, "write", "devices.7.telemetry")).toBe("deny");
    expect(await topic(SERVICE_USER, "read", "devices.7.config")).toBe("deny");
  });

  it("allows only amq.topic and the device's own subscription queues", async () => {
    expect(await resource("42", "exchange", "amq.topic", "write")).toBe("allow");
    expect(await resource("42", "exchange", "device_events", "write")).toBe("deny");
    expect(await resource("42", "queue", "mqtt-subscription-42qos1", "configure")).toBe("allow");
    expect(await resource("42", "queue", "mqtt-subscription-42-aqos0", "read", "42-a")).toBe("allow");
    expect(await resource("42", "queue", "mqtt-subscription-43qos1", "read")).toBe("deny");
    expect(await resource("42", "queue", "queue_data_ingestion", "read")).toBe("deny");
    // A client id that is not the device's own is no key to another device's queue.
    expect(await resource("42", "queue", "mqtt-subscription-43qos1", "read", "43")).toBe("deny");
  });

  it("denies other vhosts, odd usernames and unknown questions", async () => {
    expect(await decide("vhost", { username: "42", vhost: `${vhost}-other` })).toBe("deny");
    expect(await decide("vhost", { username: "guest", vhost })).toBe("deny");
    expect(await decide("vhost", { username: "042", vhost })).toBe("deny");
    expect(await decide("vhost", { username: "42", vhost })).toBe("allow");
    expect(await decide("user", { username: SERVICE_USER, password: "wrong", vhost })).toBe("deny");
    expect(await decide("user", { username: "42", vhost, client_id: "42" })).toBe("deny");
    expect(await decide("nonsense" as "user", { username: "42", vhost })).toBe("deny");
  });
});
