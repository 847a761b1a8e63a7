/**
 * What a report holds: the figures, stored as `t_reports.data` and rendered into the printable
 * page and the PDF (lib/reports/html.ts). Plain JSON — dates as ISO strings, money as decimal
 * strings — so a stored report renders the same years later.
 */
export const REPORT_KINDS = ["fleet", "store"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

interface ReportHeader {
  version: 1;
  period: string;
  /** "November 2026". */
  label: string;
  from: string;
  to: string;
  /** false for the month in progress (a month-to-date report). */
  complete: boolean;
  generatedAt: string;
}

export interface FleetDeviceLine {
  id: number;
  name: string;
  serialNumber: string;
  model: string;
  /** Percent, one decimal; null when the device was not connected during the month. */
  uptimePct: number | null;
  onlineHours: number;
  offlineHours: number;
  outages: number;
  alerts: number;
  critical: number;
  open: number;
  battery: {
    status: "discharging" | "not_discharging" | "insufficient_data";
    level: number | null;
    /** YYYY-MM-DD, when the battery reaches 10 %. */
    reachesOn: string | null;
    earliest: string | null;
    latest: string | null;
    message: string;
  };
}

export interface FleetReportData extends ReportHeader {
  kind: "fleet";
  customer: { id: number; name: string };
  summary: {
    devices: number;
    /** Online time over connected time across the fleet, percent; null when nothing was connected. */
    uptimePct: number | null;
    outages: number;
    alerts: number;
    critical: number;
    open: number;
    /** Devices whose battery reaches 10 % within 30 days of the report's end. */
    batteriesLowSoon: number;
  };
  devices: FleetDeviceLine[];
}

export interface StoreReportData extends ReportHeader {
  kind: "store";
  currency: string;
  sales: { orders: number; cancelled: number; cancellationRate: number; revenue: string; averageOrderValue: string };
  products: { product: string; orders: number; units: number; revenue: string }[];
  fulfilment: { week: string; stage: string; orders: number; medianHours: number; p90Hours: number }[];
  carriers: { carrier: string; deliveries: number; withIssues: number; failedAttempts: number; returned: number; damaged: number; issueRate: number }[];
  stock: { product: string; inStock: number; reserved: number; unitsSold: number; daysOfCover: number | null; stockOutDate: string | null; reorderPoint: number; lowStock: boolean }[];
}

export type ReportData = FleetReportData | StoreReportData;
