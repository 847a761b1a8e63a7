import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";

export const Decimal = Prisma.Decimal;
export type Decimal = Prisma.Decimal;

const MONEY_PATTERN = /^(0|[1-9][0-9]{0,7})(\.[0-9]{1,2})?$/;

/**
 * Money arrives as a JSON number or a decimal string and leaves as a string with two decimals.
 * It is validated on its decimal text, never through float arithmetic: 19.99 stays "19.99".
 */
export const moneySchema = z
  .union([z.number(), z.string()], { error: "must be a number or a decimal string" })
  .transform((value, ctx) => {
    const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
    if (!MONEY_PATTERN.test(text)) {
      ctx.addIssue({
        code: "custom",
        message: "must be a non-negative amount below 100,000,000 with at most 2 decimals",
      });
      return z.NEVER;
    }
    return new Decimal(text).toFixed(2);
  });

/** Money as the API answers it: a decimal string with two decimals, never a float. */
export const moneyTextSchema = z.string().regex(/^-?[0-9]+\.[0-9]{2}$/).meta({ description: "decimal amount as a string, two decimals", examples: ["19.99"] });

export const formatMoney = (value: Prisma.Decimal | string | number) => new Decimal(value).toFixed(2);
