import { z } from "zod";
import { textSchema } from "@/lib/text";
import { ORDER_STATUSES } from "./lifecycle";

const MAX_UNITS_PER_ORDER = 200;

const unitItemSchema = z.strictObject({
  deviceId: z.number({ error: "must be a device id" }).int().positive().max(2_147_483_647),
});

const productItemSchema = z.strictObject({
  type: textSchema().trim().min(1, "is required").max(50),
  model: textSchema().trim().min(1, "is required").max(100),
  quantity: z.number({ error: "must be a whole number" }).int().min(1, "must be at least 1").max(MAX_UNITS_PER_ORDER),
});

// Prices are never accepted: the server charges what the database says each unit costs.
const orderItemSchema = z.union([unitItemSchema, productItemSchema], {
  error: "must be { deviceId } or { type, model, quantity }",
});

export const placeOrderSchema = z.strictObject({
  items: z
    .array(orderItemSchema, { error: "must be a list of items" })
    .min(1, "must contain at least one item")
    .max(50, "must contain at most 50 items")
    .superRefine((items, ctx) => {
      const seen = new Set<number>();
      let units = 0;
      items.forEach((item, index) => {
        if ("deviceId" in item) {
          if (seen.has(item.deviceId)) ctx.addIssue({ code: "custom", path: [index, "deviceId"], message: "is listed twice" });
          seen.add(item.deviceId);
          units += 1;
        } else units += item.quantity;
      });
      if (units > MAX_UNITS_PER_ORDER) ctx.addIssue({ code: "custom", message: `must total at most ${MAX_UNITS_PER_ORDER} units` });
    }),
  shippingAddress: textSchema().trim().min(5, "must be a full address (at least 5 characters)").max(1000),
});

export const orderStatusSchema = z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(", ")}` });

export const changeOrderStatusSchema = z.strictObject({
  status: orderStatusSchema,
  note: textSchema().trim().max(1000, "must be at most 1000 characters").optional(),
});

export const listOrdersQuerySchema = z.strictObject({
  status: orderStatusSchema.optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: textSchema().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100, "must be at most 100").default(25),
  cursor: textSchema().max(500).optional(),
});

export type PlaceOrderInput = z.infer<typeof placeOrderSchema>;
export type OrderItemInput = PlaceOrderInput["items"][number];
export type ChangeOrderStatusInput = z.infer<typeof changeOrderStatusSchema>;
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;
