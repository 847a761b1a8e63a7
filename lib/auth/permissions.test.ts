import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ACTIONS, REFUSALS, ROLES, requirePermission, type SessionUser } from "./permissions";

const customer: SessionUser = { id: 7, email: "c@example.com", name: "C", role: "CUSTOMER" };

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("permission refusals", () => {
  it.each(ACTIONS)("%s has a plain sentence, not the permission's name", (action) => {
    const phrase = REFUSALS[action];
    expect(phrase).toMatch(/^[A-Z][^:]{10,}[^.\s]$/);
    expect(phrase).not.toContain(action);
    expect(phrase).not.toMatch(/^Your role may not/);
  });

  it("has a phrase for no action outside the list", () => {
    expect(Object.keys(REFUSALS).sort()).toEqual([...ACTIONS].sort());
  });

  it("a customer editing a product is told who may", () => {
    const error = refusal(() => requirePermission(customer, "product:write"));
    expect(error.code).toBe("forbidden");
    expect(error.message).toBe("Only admins may edit products");
  });

  it("every refusal any role can meet reads as its sentence", () => {
    for (const role of ROLES) {
      const user = { ...customer, role };
      for (const action of ACTIONS) {
        let refused: AppError | undefined;
        try {
          requirePermission(user, action, { ownerId: user.id + 1 });
        } catch (error) {
          refused = error as AppError;
        }
        if (refused) expect(refused.message, `${role} ${action}`).toBe(REFUSALS[action]);
      }
    }
  });

  it("someone else's record stays hidden as not found when the caller names it", () => {
    const error = refusal(() => requirePermission(customer, "order:read", { ownerId: 8 }, "Order"));
    expect(error.code).toBe("not_found");
    expect(error.message).toBe("Order not found");
  });
});
