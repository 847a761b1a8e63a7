import { z } from "zod";
import {
  apiTokenSchema,
  credentialsSchema,
  passwordChangedSchema,
  passwordChangeSchema,
  registeredUserSchema,
  registerSchema,
  tokensRevokedSchema,
} from "@/lib/auth/schemas";
import { healthResponseSchema, livenessResponseSchema } from "@/lib/health";
import { pushSubscriptionSchema, unsubscribeSchema } from "@/lib/push/schemas";
import { ADMIN_ONLY, errors, JSON_BODY, SIGNED_IN } from "./common";
import type { Operation } from "./types";

/** Accounts and tokens, push subscriptions, health, metrics and this document. */
export const SYSTEM_OPERATIONS: Operation[] = [
  {
    method: "POST", path: "/api/auth/register", summary: "Register a customer account", callers: ["public"],
    body: { schema: registerSchema }, responses: { 201: { description: "The new account", schema: registeredUserSchema } }, errors: errors(JSON_BODY, 409, 429),
  },
  {
    method: "POST", path: "/api/auth/token", summary: "Exchange email and password for a short-lived bearer token", callers: ["public"],
    body: { schema: credentialsSchema }, responses: { 201: { description: "The token", schema: apiTokenSchema } }, errors: errors(401, JSON_BODY, 429),
  },
  {
    method: "DELETE", path: "/api/auth/token", summary: "Sign out everywhere: every token and session of the caller stops working", callers: ["admin", "customer"],
    responses: { 200: { description: "Revoked", schema: tokensRevokedSchema } }, errors: errors(SIGNED_IN),
  },
  {
    method: "PUT", path: "/api/auth/password", summary: "Change the caller's password; earlier sessions and tokens stop working", callers: ["admin", "customer"],
    body: { schema: passwordChangeSchema }, responses: { 200: { description: "Changed", schema: passwordChangedSchema } }, errors: errors(SIGNED_IN, JSON_BODY),
  },
  {
    method: "POST", path: "/api/push/subscriptions", summary: "Turn critical-alert notifications on for this browser (the body is PushSubscription.toJSON())",
    callers: ["admin", "customer"],
    // The allowed push-service hosts come from the server's configuration; the shape is the same.
    body: { schema: pushSubscriptionSchema([]) },
    responses: { 201: { description: "Subscribed", schema: z.strictObject({ id: z.number().int() }) } },
    errors: errors(SIGNED_IN, 403, JSON_BODY, 503),
  },
  {
    method: "DELETE", path: "/api/push/subscriptions", summary: "Turn them off again (one's own subscription only; another's is 404)", callers: ["admin", "customer"],
    body: { schema: unsubscribeSchema }, responses: { 204: { description: "Unsubscribed; no body" } }, errors: errors(SIGNED_IN, 403, 404, JSON_BODY),
  },
  {
    method: "GET", path: "/api/health", summary: "Readiness: PostgreSQL, RabbitMQ and MongoDB (which one is down: admins and the operator token only)",
    callers: ["public", "admin", "operator"],
    responses: {
      200: { description: "Every backing service answers", schema: healthResponseSchema },
      503: { description: "Degraded: a backing service is down", schema: healthResponseSchema },
    },
    errors: [],
  },
  {
    method: "GET", path: "/api/health/live", summary: "Liveness: this process answers (asks no dependency)", callers: ["public"],
    responses: { 200: { description: "Alive", schema: livenessResponseSchema } }, errors: [],
  },
  {
    method: "GET", path: "/api/metrics", summary: "This web process's metrics in Prometheus text format", callers: ["admin", "operator"],
    responses: { 200: { description: "Prometheus exposition format", contentType: "text/plain" } }, errors: errors(ADMIN_ONLY),
  },
  {
    method: "GET", path: "/api/openapi.json", summary: "This document (OpenAPI 3.1)", callers: ["public"],
    responses: { 200: { description: "The OpenAPI document", schema: z.looseObject({ openapi: z.literal("3.1.0"), paths: z.record(z.string(), z.unknown()) }) } },
    errors: [],
  },
];
