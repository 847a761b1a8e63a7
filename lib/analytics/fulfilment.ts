import { db } from "@/lib/db";
import type { AnalyticsRange } from "./range";

export const FULFILMENT_STAGES = ["confirmation", "shipping", "delivery"] as const;
export type FulfilmentStage = (typeof FULFILMENT_STAGES)[number];

export interface FulfilmentRow {
  /** Monday of the ISO week (UTC) in which the orders were placed. */
  week: string;
  stage: FulfilmentStage;
  orders: number;
  medianHours: number;
  p90Hours: number;
}

/**
 * Time from placing an order to its first move to confirmed, shipped and delivered, read from
 * the order's audit trail, as median and 90th percentile (continuous, interpolated) per week of
 * placement. Orders that never reached a stage do not count for it.
 */
export async function listFulfilmentTimes(range: AnalyticsRange): Promise<FulfilmentRow[]> {
  return db().$queryRaw<FulfilmentRow[]>`
    WITH reached AS (
      SELECT a.entity_id AS order_id,
             min(a.created_at) FILTER (WHERE a.to_status = 'confirmed') AS confirmed_at,
             min(a.created_at) FILTER (WHERE a.to_status = 'shipped') AS shipped_at,
             min(a.created_at) FILTER (WHERE a.to_status = 'delivered') AS delivered_at
      FROM t_audit_events a
      JOIN t_orders o ON o.id = a.entity_id
      WHERE a.entity_type = 'order' AND a.action = 'status_changed'
        AND o.created_at >= ${range.from} AND o.created_at < ${range.to}
      GROUP BY a.entity_id
    ), durations AS (
      SELECT to_char(date_trunc('week', o.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, s.stage,
             extract(epoch FROM s.at - o.created_at) / 3600.0 AS hours
      FROM reached r
      JOIN t_orders o ON o.id = r.order_id
      CROSS JOIN LATERAL (VALUES ('confirmation', r.confirmed_at), ('shipping', r.shipped_at), ('delivery', r.delivered_at)) AS s(stage, at)
      WHERE s.at IS NOT NULL
    )
    SELECT week, stage, count(*)::int AS orders,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::float8 AS "medianHours",
           (percentile_cont(0.9) WITHIN GROUP (ORDER BY hours))::float8 AS "p90Hours"
    FROM durations
    GROUP BY week, stage
    ORDER BY week, array_position(ARRAY['confirmation', 'shipping', 'delivery'], stage)`;
}

export interface CarrierIssuesRow {
  carrier: string;
  deliveries: number;
  /** Deliveries with at least one failed attempt, return or damage report. */
  withIssues: number;
  failedAttempts: number;
  returned: number;
  damaged: number;
  issueRate: number;
}

/** Delivery issues per carrier, for parcels booked in the range, from the deliveries' audit trail. */
export async function listCarrierIssues(range: AnalyticsRange): Promise<CarrierIssuesRow[]> {
  const rows = await db().$queryRaw<Omit<CarrierIssuesRow, "issueRate">[]>`
    WITH per_delivery AS (
      SELECT d.id, d.carrier,
             count(a.id) FILTER (WHERE a.action = 'status_changed' AND a.to_status = 'failed') AS failed,
             count(a.id) FILTER (WHERE a.action = 'status_changed' AND a.to_status = 'returned') AS returned,
             count(a.id) FILTER (WHERE a.action = 'issue_reported' AND a.data->>'label' = 'damaged') AS damaged
      FROM t_deliveries d
      LEFT JOIN t_audit_events a ON a.entity_type = 'delivery' AND a.entity_id = d.id
      WHERE d.created_at >= ${range.from} AND d.created_at < ${range.to}
      GROUP BY d.id, d.carrier
    )
    SELECT carrier, count(*)::int AS deliveries,
           count(*) FILTER (WHERE failed + returned + damaged > 0)::int AS "withIssues",
           sum(failed)::int AS "failedAttempts", sum(returned)::int AS returned, sum(damaged)::int AS damaged
    FROM per_delivery
    GROUP BY carrier
    ORDER BY carrier`;
  return rows.map((r) => ({ ...r, issueRate: r.deliveries ? r.withIssues / r.deliveries : 0 }));
}
