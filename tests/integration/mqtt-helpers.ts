import mqtt, { type IClientOptions, type MqttClient } from "mqtt";
import { mqttUsername } from "@/lib/mqtt/identity";

/** MQTT integration tests: the real RabbitMQ MQTT plugin, devices logging in through the app. */
export const MQTT_HOST = process.env.MQTT_HOST ?? "127.0.0.1";
export const MQTT_PORT = Number(process.env.MQTT_PORT ?? 1884);

export interface DeviceLogin {
  id: number;
  token: string;
}

export function deviceOptions(device: DeviceLogin, extra: Partial<IClientOptions> = {}): IClientOptions {
  return {
    host: MQTT_HOST,
    port: MQTT_PORT,
    username: mqttUsername(String(device.id)),
    password: device.token,
    clientId: String(device.id),
    reconnectPeriod: 0,
    connectTimeout: 20_000,
    ...extra,
  };
}

/** Connects once (no retries); rejects with the broker's refusal. */
export function connectDevice(device: DeviceLogin, extra: Partial<IClientOptions> = {}): Promise<MqttClient> {
  return mqtt.connectAsync(deviceOptions(device, extra));
}

/** The refusal a connect attempt ends with, or "connected" (and the client is closed again). */
export async function tryConnect(device: DeviceLogin, extra: Partial<IClientOptions> = {}): Promise<string> {
  try {
    const client = await connectDevice(device, extra);
    await client.endAsync();
    return "connected";
  } catch (error) {
    return (error as Error).message;
  }
}

export const telemetryTopic = (id: number) => `devices/${id}/telemetry`;
export const configTopic = (id: number) => `devices/${id}/config`;
