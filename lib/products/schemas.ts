import { z } from "zod";
import { textSchema } from "@/lib/text";

const specificationsSchema = z
  .record(textSchema().max(100, "names must be at most 100 characters"), z.unknown(), { error: "must be a JSON object" })
  .refine((v) => JSON.stringify(v).length <= 16_384, "must be at most 16 kB of JSON");

/** What an admin edits; type and model name the product and never change. */
export const updateProductSchema = z
  .strictObject({
    name: textSchema().trim().min(1, "is required").max(100, "must be at most 100 characters"),
    description: textSchema().trim().max(5000, "must be at most 5000 characters").nullable(),
    specifications: specificationsSchema,
    published: z.boolean({ error: "must be true or false" }),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "must change at least one field");

const flag = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const listProductsQuerySchema = z.strictObject({
  q: textSchema().trim().max(100).optional(),
  type: textSchema().trim().max(50).optional(),
  model: textSchema().trim().max(100).optional(),
  published: flag.optional(),
  limit: z.coerce.number().int().min(1).max(100, "must be at most 100").default(50),
  /** `nextCursor` of the page before (lib/pagination.ts). */
  cursor: textSchema().max(500).optional(),
});

export type UpdateProductInput = z.infer<typeof updateProductSchema>;
export type ListProductsQuery = z.infer<typeof listProductsQuerySchema>;
