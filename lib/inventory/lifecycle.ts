import { defineLifecycle } from "@/lib/lifecycle";

export const DEVICE_STATUSES = ["in_stock", "reserved", "sold", "deployed", "maintenance", "defective"] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/**
 * Every move a unit can make. Orders drive in_stock → reserved → sold (and reserved → in_stock
 * on cancel); the first telemetry after delivery drives sold → deployed; a return brings a sold
 * unit back to stock; admins send units to maintenance or defective with a reason, and back.
 */
export const deviceLifecycle = defineLifecycle<DeviceStatus>("device", {
  in_stock: ["reserved", "maintenance", "defective"],
  reserved: ["in_stock", "sold", "maintenance", "defective"],
  sold: ["deployed", "in_stock", "maintenance", "defective"],
  deployed: ["maintenance", "defective"],
  maintenance: ["in_stock", "sold", "deployed", "defective"],
  defective: ["maintenance", "in_stock"],
});

/**
 * The subset an admin may make by hand through `PUT /api/devices/{id}/status`. The others
 * belong to orders, deliveries and telemetry, which keep the order and the unit consistent.
 */
export const manualDeviceLifecycle = defineLifecycle<DeviceStatus>("device (by hand)", {
  in_stock: ["maintenance", "defective"],
  // A reserved unit belongs to an open order: cancel the order first.
  reserved: [],
  sold: ["maintenance", "defective"],
  deployed: ["maintenance", "defective"],
  // Back to deployed only for a unit that was deployed before (checked by the service).
  maintenance: ["in_stock", "deployed", "defective"],
  defective: ["maintenance", "in_stock"],
});
