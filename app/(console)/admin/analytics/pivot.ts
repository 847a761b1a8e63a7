/**
 * Turns long rows (x, series, value) into the wide rows recharts draws. Series get positional
 * keys (s0, s1…) because recharts reads a dotted dataKey as a path, and product names may hold dots.
 */
export function pivot<R>(rows: R[], x: (r: R) => string, series: (r: R) => string, value: (r: R) => number) {
  const labels = [...new Set(rows.map(series))].sort();
  const keyOf = new Map(labels.map((label, i) => [label, `s${i}`]));
  const byX = new Map<string, Record<string, string | number>>();
  for (const r of rows) {
    const k = x(r);
    const row = byX.get(k) ?? { x: k };
    row[keyOf.get(series(r))!] = value(r);
    byX.set(k, row);
  }
  return {
    series: labels.map((label) => ({ key: keyOf.get(label)!, label })),
    data: [...byX.values()].sort((a, b) => String(a.x).localeCompare(String(b.x))),
  };
}
