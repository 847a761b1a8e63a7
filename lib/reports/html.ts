import type { FleetReportData, ReportData, StoreReportData } from "./types";

/**
 * The report as HTML: one renderer for the printable page (the console shows the body) and the
 * PDF (Chromium prints the whole document). Pure string building over stored figures; every
 * value from data goes through `esc`.
 */
const esc = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const fmtDate = (iso: string) => date.format(new Date(iso));
const fmtNum = (n: number | null, digits = 1) => (n === null ? "—" : n.toFixed(digits));
const pct = (n: number | null) => (n === null ? "no data" : `${n.toFixed(1)} %`);
const money = (amount: string, currency: string) => {
  // Decimal strings, shown with the currency; Intl only adds the symbol and the grouping.
  const [whole, cents = "00"] = amount.split(".");
  const symbol = new Intl.NumberFormat("en-GB", { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
  return `${symbol}${Number(whole).toLocaleString("en-GB")}.${cents.padEnd(2, "0")}`;
};

// Colours are the console's theme variables (they flip in dark mode); the PDF has none and prints the fallbacks.
export const REPORT_CSS = `
.report-doc { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--color-slate-900, #0f172a); font-size: 11px; line-height: 1.4; }
.report-doc h1 { font-size: 20px; margin: 0 0 2px; }
.report-doc h2 { font-size: 14px; margin: 18px 0 6px; border-bottom: 1px solid var(--color-slate-300, #cbd5e1); padding-bottom: 2px; }
.report-doc .meta { color: var(--color-slate-600, #475569); margin: 0 0 8px; }
.report-doc .note { color: var(--color-slate-600, #475569); font-size: 11px; }
.report-doc table.figures { width: auto; min-width: 50%; }
.report-doc table.figures th { background: none; font-weight: 400; padding-right: 24px; }
.report-doc table.figures td { font-weight: 700; font-size: 13px; }
.report-doc table { width: 100%; border-collapse: collapse; margin-top: 4px; }
.report-doc th, .report-doc td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--color-slate-200, #e2e8f0); vertical-align: top; }
.report-doc th { background: var(--color-slate-100, #f1f5f9); font-weight: 600; }
.report-doc td.num, .report-doc th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report-doc .nowrap { white-space: nowrap; }
.report-doc .warn { color: var(--color-red-700, #b91c1c); font-weight: 600; }
.report-doc tr { break-inside: avoid; }
`;

const table = (caption: string, head: string[], rows: string[][], numeric: number[] = []) =>
  rows.length === 0
    ? `<p class="note">${esc(caption)}: nothing in this period.</p>`
    : `<table aria-label="${esc(caption)}"><thead><tr>${head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ""}>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ""}>${c}</td>`).join("")}</tr>`)
        .join("")}</tbody></table>`;

/** Key figures as label/value rows: one line each on paper and in the PDF's text. */
const figures = (caption: string, pairs: [string, string][]) =>
  `<table class="figures" aria-label="${esc(caption)}"><tbody>${pairs.map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td class="num">${esc(value)}</td></tr>`).join("")}</tbody></table>`;

function header(title: string, d: ReportData, subtitle: string) {
  const to = new Date(Date.parse(d.to) - 1);
  return `<header><h1>${esc(title)} — ${esc(d.label)}</h1>
<p class="meta">${esc(subtitle)} · ${esc(fmtDate(d.from))} – ${esc(fmtDate(to.toISOString()))}${d.complete ? "" : " (month to date)"} · generated ${esc(dateTime.format(new Date(d.generatedAt)))} UTC</p></header>`;
}

function fleetBody(d: FleetReportData) {
  const s = d.summary;
  return `${header("Fleet report", d, `For ${d.customer.name}`)}
<section><h2>Summary</h2>${figures("Fleet summary", [
    ["Devices", String(s.devices)],
    ["Uptime", pct(s.uptimePct)],
    ["Outages", String(s.outages)],
    ["Alerts raised", String(s.alerts)],
    ["Critical alerts", String(s.critical)],
    ["Still open", String(s.open)],
    ["Batteries at 10 % within 30 days", String(s.batteriesLowSoon)],
  ])}</section>
<section><h2>Uptime</h2>${table(
    "Uptime per device",
    ["Device", "Serial number", "Uptime", "Online h", "Offline h", "Outages"],
    d.devices.map((x) => [esc(`${x.name} (#${x.id})`), esc(x.serialNumber), esc(pct(x.uptimePct)), esc(fmtNum(x.onlineHours)), esc(fmtNum(x.offlineHours)), esc(x.outages)]),
    [2, 3, 4, 5],
  )}<p class="note">Uptime is time online over time connected, from the connectivity history; a device that never connected during the month has no figure.</p></section>
<section><h2>Alerts</h2>${table(
    "Alerts per device",
    ["Device", "Alerts raised", "Critical", "Still open"],
    d.devices.map((x) => [esc(`${x.name} (#${x.id})`), esc(x.alerts), esc(x.critical), esc(x.open)]),
    [1, 2, 3],
  )}</section>
<section><h2>Battery outlook</h2>${table(
    "Battery outlook per device",
    ["Device", "Level", "Reaches 10 %", "Likely between"],
    d.devices.map((x) => [
      esc(`${x.name} (#${x.id})`),
      esc(x.battery.level === null ? "—" : `${x.battery.level.toFixed(1)} %`),
      // Not discharging or too few readings: the forecast's own sentence says which.
      x.battery.reachesOn ? `<span class="warn nowrap">${esc(fmtDate(x.battery.reachesOn))}</span>` : esc(x.battery.message),
      x.battery.earliest ? `<span class="nowrap">${esc(fmtDate(x.battery.earliest))}</span> – <span class="nowrap">${esc(x.battery.latest ? fmtDate(x.battery.latest) : "later")}</span>` : "—",
    ]),
    [1],
  )}<p class="note">Forecast from the hourly battery averages of the last 7 days of the period.</p></section>`;
}

function storeBody(d: StoreReportData) {
  const s = d.sales;
  const m = (v: string) => money(v, d.currency);
  return `${header("Store report", d, "Device Store")}
<section><h2>Sales</h2>${figures("Sales summary", [
    ["Orders placed", String(s.orders)],
    ["Cancelled", `${s.cancelled} (${(s.cancellationRate * 100).toFixed(1)} %)`],
    ["Revenue", m(s.revenue)],
    ["Average order", m(s.averageOrderValue)],
  ])}${table(
    "Sales by product",
    ["Product", "Orders", "Units", "Revenue"],
    d.products.map((p) => [esc(p.product), esc(p.orders), esc(p.units), esc(m(p.revenue))]),
    [1, 2, 3],
  )}<p class="note">Cancelled orders earn nothing and are left out of revenue.</p></section>
<section><h2>Fulfilment</h2>${table(
    "Fulfilment times",
    ["Week of", "Stage", "Orders", "Median h", "90th pct h"],
    d.fulfilment.map((f) => [`<span class="nowrap">${esc(fmtDate(f.week))}</span>`, esc(f.stage), esc(f.orders), esc(fmtNum(f.medianHours)), esc(fmtNum(f.p90Hours))]),
    [2, 3, 4],
  )}${table(
    "Deliveries by carrier",
    ["Carrier", "Deliveries", "With issues", "Failed attempts", "Returned", "Damaged", "Issue rate"],
    d.carriers.map((c) => [esc(c.carrier), esc(c.deliveries), esc(c.withIssues), esc(c.failedAttempts), esc(c.returned), esc(c.damaged), esc(`${(c.issueRate * 100).toFixed(1)} %`)]),
    [1, 2, 3, 4, 5, 6],
  )}</section>
<section><h2>Stock</h2>${table(
    "Stock per product",
    ["Product", "In stock", "Reserved", "Sold lately", "Days of cover", "Runs out", "Reorder at", "Low"],
    d.stock.map((r) => [
      esc(r.product),
      esc(r.inStock),
      esc(r.reserved),
      esc(r.unitsSold),
      esc(fmtNum(r.daysOfCover)),
      `<span class="nowrap">${esc(r.stockOutDate ? fmtDate(r.stockOutDate) : "—")}</span>`,
      esc(r.reorderPoint),
      r.lowStock ? '<span class="warn">Yes</span>' : "",
    ]),
    [1, 2, 3, 4, 6],
  )}<p class="note">Units in stock and reserved when the report was generated; sales velocity over the days before the period's end.</p></section>`;
}

/** The report's body, wrapped in `.report-doc` (the styles in REPORT_CSS are scoped to it). */
export function renderReportBody(d: ReportData): string {
  return `<article class="report-doc">${d.kind === "fleet" ? fleetBody(d) : storeBody(d)}</article>`;
}

export const reportTitle = (d: ReportData) => (d.kind === "fleet" ? `Fleet report ${d.period} — ${d.customer.name}` : `Store report ${d.period}`);

/** A whole document for Chromium to print. */
export function renderReportDocument(d: ReportData): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(reportTitle(d))}</title><style>${REPORT_CSS} @page { size: A4; margin: 14mm; }</style></head><body>${renderReportBody(d)}</body></html>`;
}
