import { z } from "zod";
import { deliveryDtoSchema } from "@/lib/deliveries/dto";
import {
  changeDeliveryStatusSchema,
  confirmDeliverySchema,
  createDeliverySchema,
  listDeliveriesQuerySchema,
  reportIssueSchema,
} from "@/lib/deliveries/schemas";
import { importReportSchema } from "@/lib/inventory/csv-import";
import { deviceDtoSchema } from "@/lib/inventory/dto";
import {
  changeDeviceStatusSchema,
  createDeviceSchema,
  exportDevicesQuerySchema,
  importDevicesQuerySchema,
  listDevicesQuerySchema,
  updateDeviceSchema,
} from "@/lib/inventory/schemas";
import { catalogPageSchema } from "@/lib/orders/catalog";
import { orderDetailDtoSchema } from "@/lib/orders/dto";
import { customerProductDtoSchema, productDtoSchema, productListSchema } from "@/lib/products/dto";
import { listProductsQuerySchema, updateProductSchema } from "@/lib/products/schemas";
import { changeOrderStatusSchema, listOrdersQuerySchema, placeOrderSchema } from "@/lib/orders/schemas";
import { credentialListSchema, issuedCredentialSchema } from "@/lib/provisioning/credentials";
import { deviceConfigDtoSchema, deviceConfigViewSchema } from "@/lib/provisioning/device-config";
import { deviceConfigSchema } from "@/lib/provisioning/schemas";
import { ADMIN_ONLY, errors, idParam, JSON_BODY, SIGNED_IN } from "./common";
import { deliveryPageSchema, deviceHistorySchema, devicePageSchema, orderPageSchema } from "./components";
import type { Operation } from "./types";

const device = { id: idParam("Device") };
const order = { id: idParam("Order") };
const delivery = { id: idParam("Delivery") };
const ok = (description: string, schema: Operation["responses"][number]["schema"]) => ({ description, schema });
const noContent = { 204: { description: "Done; no body" } };

/** Inventory, provisioning, catalog, orders and deliveries. */
export const STORE_OPERATIONS: Operation[] = [
  {
    method: "GET", path: "/api/devices", summary: "List devices (customers: in-stock units only)", callers: ["admin", "customer"],
    query: listDevicesQuerySchema, responses: { 200: ok("A page of devices", devicePageSchema) }, errors: errors(SIGNED_IN, 422),
  },
  {
    method: "POST", path: "/api/devices", summary: "Add a device to the inventory", callers: ["admin"],
    body: { schema: createDeviceSchema }, responses: { 201: ok("The created device", deviceDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 409),
  },
  {
    method: "GET", path: "/api/devices/{id}", summary: "One device (customers: in-stock units only, others are 404)", callers: ["admin", "customer"],
    params: device, responses: { 200: ok("The device", deviceDtoSchema) }, errors: errors(SIGNED_IN, 404),
  },
  {
    method: "PUT", path: "/api/devices/{id}", summary: "Change a device's details", callers: ["admin"],
    params: device, body: { schema: updateDeviceSchema }, responses: { 200: ok("The updated device", deviceDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "DELETE", path: "/api/devices/{id}", summary: "Delete a device that was never ordered", callers: ["admin"],
    params: device, responses: noContent, errors: errors(ADMIN_ONLY, 404, 409),
  },
  {
    method: "PUT", path: "/api/devices/{id}/status", summary: "Move a device along its lifecycle by hand, with a reason", callers: ["admin"],
    params: device, body: { schema: changeDeviceStatusSchema }, responses: { 200: ok("The device", deviceDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "GET", path: "/api/devices/{id}/history", summary: "A device's audit trail, oldest first", callers: ["admin"],
    params: device, responses: { 200: ok("Audit events", deviceHistorySchema) }, errors: errors(ADMIN_ONLY, 404),
  },
  {
    method: "GET", path: "/api/devices/{id}/config", summary: "The device's desired configuration and the version it last reported applying", callers: ["admin"],
    params: device, responses: { 200: ok("Desired and applied configuration", deviceConfigViewSchema) }, errors: errors(ADMIN_ONLY, 404),
  },
  {
    method: "PUT", path: "/api/devices/{id}/config", summary: "Save a new configuration version (pushed to the device over MQTT)", callers: ["admin"],
    params: device, body: { schema: deviceConfigSchema }, responses: { 200: ok("The saved version", deviceConfigDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "GET", path: "/api/devices/{id}/credentials", summary: "The device's tokens by prefix (never the secret)", callers: ["admin"],
    params: device, responses: { 200: ok("Credentials, newest first", credentialListSchema) }, errors: errors(ADMIN_ONLY, 404),
  },
  {
    method: "POST", path: "/api/devices/{id}/credentials", summary: "Issue a device token (shown once); earlier tokens stop working", callers: ["admin"],
    params: device, responses: { 201: ok("The new token", issuedCredentialSchema) }, errors: errors(ADMIN_ONLY, 404),
  },
  {
    method: "DELETE", path: "/api/devices/{id}/credentials", summary: "Revoke every active token of the device", callers: ["admin"],
    params: device, responses: noContent, errors: errors(ADMIN_ONLY, 404),
  },
  {
    method: "GET", path: "/api/devices/export", summary: "The filtered inventory as CSV", callers: ["admin"],
    query: exportDevicesQuerySchema, responses: { 200: { description: "CSV download", contentType: "text/csv" } }, errors: errors(ADMIN_ONLY, 422),
  },
  {
    method: "POST", path: "/api/devices/import", summary: "Bulk upsert by serial number from CSV (dryRun=true, the default, only reports)", callers: ["admin"],
    query: importDevicesQuerySchema,
    body: { contentType: "text/csv", description: "CSV with a header row (the export's columns); at most 1 MB" },
    responses: { 200: ok("What was (or would be) created, updated and refused", importReportSchema) }, errors: errors(ADMIN_ONLY, 400, 413, 422),
  },
  {
    method: "GET", path: "/api/catalog", summary: "The shop: in-stock units grouped by product, with price and availability", callers: ["admin", "customer"],
    responses: { 200: ok("Every product", catalogPageSchema) }, errors: errors(SIGNED_IN),
  },
  {
    method: "GET", path: "/api/orders", summary: "List orders, newest first (customers: their own)", callers: ["admin", "customer"],
    query: listOrdersQuerySchema, responses: { 200: ok("A page of orders", orderPageSchema) }, errors: errors(SIGNED_IN, 422),
  },
  {
    method: "POST", path: "/api/orders", summary: "Place an order: units by id or products by type, model and quantity", callers: ["admin", "customer"],
    body: { schema: placeOrderSchema }, responses: { 201: ok("The placed order (units reserved)", orderDetailDtoSchema) },
    errors: errors(SIGNED_IN, JSON_BODY, 409, 429),
  },
  {
    method: "GET", path: "/api/orders/{id}", summary: "One order with items, deliveries and timeline (someone else's is 404)", callers: ["admin", "customer"],
    params: order, responses: { 200: ok("The order", orderDetailDtoSchema) }, errors: errors(SIGNED_IN, 404),
  },
  {
    method: "PUT", path: "/api/orders/{id}/status", summary: "Move an order along its lifecycle (customers: cancel their own pending order)", callers: ["admin", "customer"],
    params: order, body: { schema: changeOrderStatusSchema }, responses: { 200: ok("The order", orderDetailDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "GET", path: "/api/deliveries", summary: "List deliveries, newest first (customers: their own)", callers: ["admin", "customer"],
    query: listDeliveriesQuerySchema, responses: { 200: ok("A page of deliveries", deliveryPageSchema) }, errors: errors(SIGNED_IN, 422),
  },
  {
    method: "POST", path: "/api/deliveries", summary: "Ship an order's units (all held units, or a partial shipment)", callers: ["admin"],
    body: { schema: createDeliverySchema }, responses: { 201: ok("The delivery", deliveryDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "GET", path: "/api/deliveries/{id}", summary: "One delivery (customers: their own; without internal notes)", callers: ["admin", "customer"],
    params: delivery, responses: { 200: ok("The delivery", deliveryDtoSchema) }, errors: errors(SIGNED_IN, 404),
  },
  {
    method: "PUT", path: "/api/deliveries/{id}/status", summary: "Move a delivery along its lifecycle", callers: ["admin"],
    params: delivery, body: { schema: changeDeliveryStatusSchema }, responses: { 200: ok("The delivery", deliveryDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "PUT", path: "/api/deliveries/{id}/confirm", summary: "Confirm receipt of a parcel (the body may be empty)", callers: ["admin", "customer"],
    params: delivery, body: { schema: confirmDeliverySchema, optional: true }, responses: { 200: ok("The delivered parcel", deliveryDtoSchema) },
    errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "POST", path: "/api/deliveries/{id}/issues", summary: "Record a delivery issue: damage, failed attempt, return, or a note", callers: ["admin"],
    params: delivery, body: { schema: reportIssueSchema }, responses: { 201: ok("The delivery", deliveryDtoSchema) }, errors: errors(ADMIN_ONLY, JSON_BODY, 404, 409),
  },
  {
    method: "GET", path: "/api/products", summary: "Products by name, a page at a time: every one with unit counts for admins (searchable); published ones for customers", callers: ["admin", "customer"],
    query: listProductsQuerySchema, responses: { 200: { description: "The products", schema: productListSchema } }, errors: errors(SIGNED_IN, 422),
  },
  {
    method: "GET", path: "/api/products/{id}", summary: "A product (an unpublished one is 404 for customers)", callers: ["admin", "customer"],
    params: { id: idParam("Product") }, responses: { 200: { description: "The product", schema: z.union([productDtoSchema, customerProductDtoSchema]) } }, errors: errors(SIGNED_IN, 404),
  },
  {
    method: "PATCH", path: "/api/products/{id}", summary: "Edit name, description, specifications or published (type and model name the product)", callers: ["admin"],
    params: { id: idParam("Product") }, body: { schema: updateProductSchema }, responses: { 200: { description: "The product", schema: productDtoSchema } },
    errors: errors(ADMIN_ONLY, 404, JSON_BODY),
  },
  {
    method: "DELETE", path: "/api/products/{id}", summary: "Delete a product that has no units (with units: 409); its picture goes with it", callers: ["admin"],
    params: { id: idParam("Product") }, responses: noContent, errors: errors(ADMIN_ONLY, 404, 409),
  },
  {
    method: "GET", path: "/api/products/{id}/picture", summary: "The picture's bytes: public for a published product (cached for good by its versioned URL), admin-only for a draft", callers: ["public", "admin"],
    params: { id: idParam("Picture") }, responses: { 200: { description: "The image", contentType: "image/png" } }, errors: errors(404),
  },
  {
    method: "PUT", path: "/api/products/{id}/picture", summary: "Replace the picture: the raw PNG, JPEG or WebP as the body, at most 1 MB", callers: ["admin"],
    params: { id: idParam("Product") }, responses: { 200: { description: "The product with its new picture", schema: productDtoSchema } },
    errors: errors(ADMIN_ONLY, 404, 413, 415),
  },
];
