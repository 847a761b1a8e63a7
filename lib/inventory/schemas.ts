import { z } from "zod";
import { textSchema } from "@/lib/text";
import { moneySchema } from "@/lib/money";
import { DEVICE_STATUSES } from "./lifecycle";

const text = (max: number) => textSchema().trim().min(1, "is required").max(max, `must be at most ${max} characters`);

export const serialNumberSchema = textSchema()
  .trim()
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "may contain only letters, digits and . _ : -");

const specificationsSchema = z
  .record(textSchema().max(100), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 16_384, "must be at most 16 kB of JSON");

export const createDeviceSchema = z.strictObject({
  serialNumber: serialNumberSchema,
  name: text(100),
  type: text(50),
  model: text(100),
  description: textSchema().max(5000, "must be at most 5000 characters").nullish(),
  price: moneySchema,
  specifications: specificationsSchema.optional(),
});

export const updateDeviceSchema = createDeviceSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, "must change at least one field");

export const deviceStatusSchema = z.enum(DEVICE_STATUSES, {
  error: `must be one of ${DEVICE_STATUSES.join(", ")}`,
});

export const changeDeviceStatusSchema = z.strictObject({
  status: deviceStatusSchema,
  reason: textSchema().trim().min(3, "must say why (at least 3 characters)").max(500),
});

export const DEVICE_SORT_FIELDS = ["createdAt", "updatedAt", "name", "model", "type", "price", "serialNumber", "status"] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

export const listDevicesQuerySchema = z.strictObject({
  status: deviceStatusSchema.optional(),
  type: textSchema().trim().max(50).optional(),
  model: textSchema().trim().max(100).optional(),
  q: textSchema().trim().max(100).optional(),
  sort: textSchema()
    .regex(new RegExp(`^-?(${DEVICE_SORT_FIELDS.join("|")})$`), `must be one of ${DEVICE_SORT_FIELDS.join(", ")}, optionally prefixed with -`)
    .default("-createdAt"),
  limit: z.coerce.number().int().min(1).max(100, "must be at most 100").default(25),
  cursor: textSchema().max(500).optional(),
});

/** The CSV export takes the list's filters (no paging). */
export const exportDevicesQuerySchema = listDevicesQuerySchema.pick({ status: true, type: true, model: true, q: true });

// Nothing is written unless the caller asks for it explicitly with dryRun=false.
export const importDevicesQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"], { error: "must be true or false" }).default("true"),
});

export type CreateDeviceInput = z.infer<typeof createDeviceSchema>;
export type UpdateDeviceInput = z.infer<typeof updateDeviceSchema>;
export type ListDevicesQuery = z.infer<typeof listDevicesQuerySchema>;
