"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface Point {
  t: number;
  v: number | null;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", hour: "2-digit" });

/** One metric over the chosen range: bucket averages from the API plus live readings, with threshold lines. */
export function MetricChart(props: { metric: string; points: Point[]; threshold?: { min?: number; max?: number }; latest?: { v: number; at: string }; span: number }) {
  const { metric, points, threshold } = props;
  const fmt = props.span > 86_400_000 ? day : clock;
  const hasData = points.some((p) => p.v !== null);
  return (
    <figure className="m-0 rounded-lg border border-slate-200 bg-white p-3" data-testid={`chart-${metric}`} data-points={points.filter((p) => p.v !== null).length}>
      <figcaption className="mb-2 flex items-baseline gap-2">
        <span className="font-medium">{metric.replaceAll("_", " ")}</span>
        <span className="ml-auto text-sm text-slate-700" data-testid={`latest-${metric}`}>
          {props.latest ? `Latest ${props.latest.v}` : "Waiting for live data"}
        </span>
      </figcaption>
      {hasData ? (
        <div className="h-48">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(t: number) => fmt.format(t)} tick={{ fontSize: 11, fill: "#334155" }} />
              <YAxis width={40} tick={{ fontSize: 11, fill: "#334155" }} domain={["auto", "auto"]} />
              <Tooltip labelFormatter={(t) => fmt.format(Number(t))} />
              {threshold?.max !== undefined ? <ReferenceLine y={threshold.max} stroke="#b91c1c" strokeDasharray="4 4" label={{ value: `max ${threshold.max}`, fill: "#b91c1c", fontSize: 11 }} ifOverflow="extendDomain" /> : null}
              {threshold?.min !== undefined ? <ReferenceLine y={threshold.min} stroke="#1d4ed8" strokeDasharray="4 4" label={{ value: `min ${threshold.min}`, fill: "#1d4ed8", fontSize: 11 }} ifOverflow="extendDomain" /> : null}
              <Line type="monotone" dataKey="v" name={metric} stroke="#0f766e" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="flex h-48 items-center justify-center text-sm text-slate-600">No readings in this range.</p>
      )}
    </figure>
  );
}
