import { z } from "zod";
import { textSchema } from "@/lib/text";
import { DELIVERY_STATUSES } from "./lifecycle";

const id = z.number({ error: "must be an id" }).int().positive().max(2_147_483_647);
const note = textSchema().trim().min(1, "must not be empty").max(1000, "must be at most 1000 characters");

export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES, { error: `must be one of ${DELIVERY_STATUSES.join(", ")}` });

export const createDeliverySchema = z.strictObject({
  orderId: id,
  carrier: textSchema().trim().min(1, "is required").max(100),
  trackingNumber: textSchema()
    .trim()
    .min(3, "must be at least 3 characters")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._\/-]*$/, "may contain only letters, digits, spaces and . _ / -"),
  // Ship only these units (a partial shipment); by default every unit still held for the order.
  deviceIds: z.array(id).min(1).max(200).optional(),
  // A parcel handed to the carrier is in transit; `pending` books it without a pick-up yet.
  status: z.enum(["pending", "in_transit"], { error: "must be pending or in_transit" }).default("in_transit"),
});

export const changeDeliveryStatusSchema = z.strictObject({
  status: deliveryStatusSchema,
  note: note.optional(),
});

export const confirmDeliverySchema = z.strictObject({ note: note.optional() });

export const ISSUE_KINDS = ["damaged", "failed", "returned", "note"] as const;

export const reportIssueSchema = z
  .strictObject({
    kind: z.enum(ISSUE_KINDS, { error: `must be one of ${ISSUE_KINDS.join(", ")}` }),
    note,
    // For damage: the affected units (default: all in the parcel) and where they go.
    deviceIds: z.array(id).min(1).max(200).optional(),
    unitStatus: z.enum(["maintenance", "defective"], { error: "must be maintenance or defective" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "damaged" && !v.unitStatus) ctx.addIssue({ code: "custom", path: ["unitStatus"], message: "is required for damage" });
    if (v.kind !== "damaged" && (v.unitStatus || v.deviceIds)) {
      ctx.addIssue({ code: "custom", path: [v.unitStatus ? "unitStatus" : "deviceIds"], message: "applies to damage only" });
    }
  });

export const listDeliveriesQuerySchema = z.strictObject({
  status: deliveryStatusSchema.optional(),
  orderId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: textSchema().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100, "must be at most 100").default(25),
  cursor: textSchema().max(500).optional(),
});

export type CreateDeliveryInput = z.infer<typeof createDeliverySchema>;
export type ChangeDeliveryStatusInput = z.infer<typeof changeDeliveryStatusSchema>;
export type ReportIssueInput = z.infer<typeof reportIssueSchema>;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;
