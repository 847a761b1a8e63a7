"use client";

import { Line, LineChart, YAxis } from "recharts";

/** A tiny trend line (no axes); null values leave gaps. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  if (!values.some((v) => v !== null)) return <span className="text-xs text-slate-500">No data</span>;
  const data = values.map((v, i) => ({ i, v }));
  return (
    <figure aria-label={label} className="m-0">
      <LineChart width={120} height={28} data={data}>
        <YAxis hide domain={["dataMin", "dataMax"]} />
        <Line type="monotone" dataKey="v" stroke="#0f766e" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </figure>
  );
}
