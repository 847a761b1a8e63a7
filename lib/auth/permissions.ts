import { AppError } from "@/lib/errors";

/**
 * The one authorization rule: a role → permission table and a pure `can`.
 * "any" grants the action on every record; "own" only on records the user owns
 * (`resource.ownerId === user.id`). Route handlers, server components and the Socket.IO
 * handshake all ask `can` (usually through `requirePermission`).
 */
export const ROLES = ["ADMIN", "CUSTOMER"] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | "catalog:read"
  | "device:read"
  | "device:write"
  | "device:configure"
  // Describe, picture and publish products (the shop's entries).
  | "product:write"
  | "order:create"
  | "order:read"
  | "order:manage"
  | "order:cancel"
  | "delivery:read"
  | "delivery:manage"
  | "delivery:confirm"
  | "monitoring:read"
  | "alert:acknowledge"
  | "analytics:read"
  // The deployment's inside: metrics and which backing service is down.
  | "operations:read"
  /** Turn Web Push alert notifications on or off for one's own browsers. */
  | "push:subscribe"
  | "report:read"
  | "report:generate";

type Scope = "any" | "own";

const PERMISSIONS: Record<Role, Partial<Record<Action, Scope>>> = {
  ADMIN: {
    "catalog:read": "any",
    "device:read": "any",
    "device:write": "any",
    "device:configure": "any",
    "product:write": "any",
    "order:create": "any",
    "order:read": "any",
    "order:manage": "any",
    "order:cancel": "any",
    "delivery:read": "any",
    "delivery:manage": "any",
    "delivery:confirm": "any",
    "monitoring:read": "any",
    "alert:acknowledge": "any",
    "analytics:read": "any",
    "operations:read": "any",
    "push:subscribe": "own",
    "report:read": "any",
    "report:generate": "any",
  },
  CUSTOMER: {
    "catalog:read": "any",
    "order:create": "any",
    "order:read": "own",
    "order:cancel": "own",
    "delivery:read": "own",
    "delivery:confirm": "own",
    "monitoring:read": "own",
    "alert:acknowledge": "own",
    "push:subscribe": "own",
    // Their own fleet reports only (the store's report has no owner and stays with admins).
    "report:read": "own",
    "report:generate": "own",
  },
};

export const toRole = (value: unknown): Role =>
  (ROLES as readonly unknown[]).includes(value) ? (value as Role) : "CUSTOMER";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export interface OwnedResource {
  ownerId: number;
}

export function scopeOf(user: SessionUser, action: Action): Scope | undefined {
  return PERMISSIONS[user.role]?.[action];
}

export function can(user: SessionUser, action: Action, resource?: OwnedResource): boolean {
  const scope = scopeOf(user, action);
  if (scope === "any") return true;
  if (scope === "own") return resource === undefined || resource.ownerId === user.id;
  return false;
}

export const isAdmin = (user: SessionUser) => user.role === "ADMIN";

/**
 * Throws unless `user` may do `action`. When the user may not even learn that the record
 * exists (someone else's order), pass `hideAs` and the answer is a 404 naming that thing.
 */
export function requirePermission(
  user: SessionUser,
  action: Action,
  resource?: OwnedResource,
  hideAs?: string,
): void {
  if (can(user, action, resource)) return;
  if (hideAs && resource && scopeOf(user, action) === "own") {
    throw new AppError("not_found", `${hideAs} not found`);
  }
  throw new AppError("forbidden", `Your role may not ${action.replace(":", " ")}`);
}
