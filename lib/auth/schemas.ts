import { z } from "zod";
import { textSchema } from "@/lib/text";

export const emailSchema = z
  .email("must be a valid email address")
  .max(254)
  .transform((e) => e.toLowerCase());

export const passwordSchema = textSchema()
  .min(8, "must be at least 8 characters")
  .max(128, "must be at most 128 characters");

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: textSchema().trim().min(1, "is required").max(100),
});

export const credentialsSchema = z.strictObject({
  email: emailSchema,
  password: textSchema().min(1, "is required").max(128),
});

export type RegisterInput = z.infer<typeof registerSchema>;

/** Responses of the auth routes. */
export const registeredUserSchema = z.strictObject({
  id: z.number().int().positive(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["ADMIN", "CUSTOMER"]),
});
export const apiTokenSchema = z.strictObject({
  /** Send as `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
});
export const tokensRevokedSchema = z.strictObject({ revoked: z.literal(true) });
export const passwordChangedSchema = z.strictObject({ changed: z.literal(true), signedOut: z.literal(true) });

export const passwordChangeSchema = z
  .strictObject({
    currentPassword: textSchema().min(1, "is required").max(128),
    newPassword: passwordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });
