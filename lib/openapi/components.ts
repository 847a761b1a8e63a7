import { z } from "zod";
import { apiTokenSchema, credentialsSchema, passwordChangeSchema, registerSchema, registeredUserSchema } from "@/lib/auth/schemas";
import { auditEventDtoSchema } from "@/lib/audit";
import { deliveryDtoSchema } from "@/lib/deliveries/dto";
import { changeDeliveryStatusSchema, confirmDeliverySchema, createDeliverySchema, reportIssueSchema } from "@/lib/deliveries/schemas";
import { errorEnvelopeSchema } from "@/lib/errors";
import { healthResponseSchema } from "@/lib/health";
import { importReportSchema } from "@/lib/inventory/csv-import";
import { deviceDtoSchema } from "@/lib/inventory/dto";
import { changeDeviceStatusSchema, createDeviceSchema, updateDeviceSchema } from "@/lib/inventory/schemas";
import { alertDtoSchema } from "@/lib/monitoring/alert-model";
import { fleetStatsSchema } from "@/lib/monitoring/fleet";
import { readingDtoSchema } from "@/lib/monitoring/readings";
import { ackAlertSchema } from "@/lib/monitoring/schemas";
import { deviceStatsSchema } from "@/lib/monitoring/stats";
import { catalogPageSchema } from "@/lib/orders/catalog";
import { orderDetailDtoSchema, orderItemDtoSchema, orderSummaryDtoSchema } from "@/lib/orders/dto";
import { changeOrderStatusSchema, placeOrderSchema } from "@/lib/orders/schemas";
import { pageSchema } from "@/lib/pagination";
import { credentialListSchema, issuedCredentialSchema } from "@/lib/provisioning/credentials";
import { deviceConfigDtoSchema, deviceConfigViewSchema } from "@/lib/provisioning/device-config";
import { deviceConfigSchema } from "@/lib/provisioning/schemas";
import { ingestAcceptedSchema } from "@/lib/telemetry/ingest";
import { ingestBodySchema } from "@/lib/telemetry/schema";
import { reportTableSchema } from "@/lib/analytics/reports";

// One instance each, so every operation refers to the same named component.
export const devicePageSchema = pageSchema(deviceDtoSchema);
export const orderPageSchema = pageSchema(orderSummaryDtoSchema);
export const deliveryPageSchema = pageSchema(deliveryDtoSchema);
export const alertPageSchema = pageSchema(alertDtoSchema);
export const readingPageSchema = pageSchema(readingDtoSchema);
export const deviceHistorySchema = z.strictObject({ items: z.array(auditEventDtoSchema) });
export const monitoringStatsSchema = z.union([deviceStatsSchema, fleetStatsSchema]);

/**
 * Named schemas: `components.schemas` of the document, referenced with `$ref` wherever an
 * operation (or another component) uses them. Requests are described as the route accepts
 * them (zod input), responses as it answers (zod output).
 */
export const REQUEST_COMPONENTS: Record<string, z.ZodType> = {
  CreateDevice: createDeviceSchema,
  UpdateDevice: updateDeviceSchema,
  ChangeDeviceStatus: changeDeviceStatusSchema,
  DeviceConfigInput: deviceConfigSchema,
  PlaceOrder: placeOrderSchema,
  ChangeOrderStatus: changeOrderStatusSchema,
  CreateDelivery: createDeliverySchema,
  ChangeDeliveryStatus: changeDeliveryStatusSchema,
  ConfirmDelivery: confirmDeliverySchema,
  ReportDeliveryIssue: reportIssueSchema,
  AcknowledgeAlert: ackAlertSchema,
  IngestBody: ingestBodySchema,
  Register: registerSchema,
  Credentials: credentialsSchema,
  PasswordChange: passwordChangeSchema,
};

export const RESPONSE_COMPONENTS: Record<string, z.ZodType> = {
  Error: errorEnvelopeSchema,
  Device: deviceDtoSchema,
  DevicePage: devicePageSchema,
  AuditEvent: auditEventDtoSchema,
  DeviceHistory: deviceHistorySchema,
  ImportReport: importReportSchema,
  DeviceConfig: deviceConfigDtoSchema,
  DeviceConfigView: deviceConfigViewSchema,
  DeviceCredentials: credentialListSchema,
  IssuedCredential: issuedCredentialSchema,
  CatalogPage: catalogPageSchema,
  OrderSummary: orderSummaryDtoSchema,
  OrderItem: orderItemDtoSchema,
  OrderDetail: orderDetailDtoSchema,
  OrderPage: orderPageSchema,
  Delivery: deliveryDtoSchema,
  DeliveryPage: deliveryPageSchema,
  Alert: alertDtoSchema,
  AlertPage: alertPageSchema,
  Reading: readingDtoSchema,
  ReadingPage: readingPageSchema,
  DeviceStats: deviceStatsSchema,
  FleetStats: fleetStatsSchema,
  MonitoringStats: monitoringStatsSchema,
  IngestAccepted: ingestAcceptedSchema,
  ReportTable: reportTableSchema,
  Health: healthResponseSchema,
  RegisteredUser: registeredUserSchema,
  ApiToken: apiTokenSchema,
};
