import { AppError } from "@/lib/errors";

/**
 * The one authorization rule: a role → permission table and a pure `can`.
 * "any" grants the action on every record; "own" only on records the user owns
 * (`resource.ownerId === user.id`). Route handlers, server components and the Socket.IO
 * handshake all ask `can` (usually through `requirePermission`).
 */
export const ROLES = ["ADMIN", "CUSTOMER"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "catalog:read",
  "device:read",
  "device:write",
  "device:configure",
  // Describe, picture and publish products (the shop's entries).
  "product:write",
  "order:create",
  "order:read",
  "order:manage",
  "order:cancel",
  "delivery:read",
  "delivery:manage",
  "delivery:confirm",
  "monitoring:read",
  "alert:acknowledge",
  "analytics:read",
  // The deployment's inside: metrics and which backing service is down.
  "operations:read",
  // Turn Web Push alert notifications on or off for one's own browsers.
  "push:subscribe",
  "report:read",
  "report:generate",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * What a refusal says, one sentence per action, so a user reads why rather than a permission
 * name. It says who may: the refusal is the same whichever role was refused.
 */
export const REFUSALS: Record<Action, string> = {
  "catalog:read": "Sign in to browse the catalog",
  "device:read": "Only admins may view the inventory",
  "device:write": "Only admins may add, edit or remove devices",
  "device:configure": "Only admins may configure devices and issue their credentials",
  "product:write": "Only admins may edit products",
  "order:create": "Sign in as a customer to place orders",
  "order:read": "You may see only your own orders",
  "order:manage": "Only admins may confirm and process orders",
  "order:cancel": "You may cancel only your own orders",
  "delivery:read": "You may see only the deliveries of your own orders",
  "delivery:manage": "Only admins may create and update deliveries",
  "delivery:confirm": "You may confirm receipt only of your own deliveries",
  "monitoring:read": "You may watch only your own devices",
  "alert:acknowledge": "Only admins may acknowledge or clear alerts",
  "analytics:read": "Only admins may view the store's analytics",
  "operations:read": "Only admins may view the deployment's metrics and service health",
  "push:subscribe": "You may turn notifications on or off only for your own browsers",
  "report:read": "You may read only your own fleet reports",
  "report:generate": "Only admins may generate the store report",
};

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
  throw new AppError("forbidden", REFUSALS[action]);
}
