/**
 * A coloured status pill for devices, orders and deliveries. Colours follow meaning, not entity:
 * green = available or done, blue = moving along, amber = needs attention, red = a problem.
 */
const TONES = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/20",
  violet: "bg-violet-50 text-violet-800 ring-violet-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
} as const;

const TONE_BY_STATUS: Record<string, keyof typeof TONES> = {
  // devices
  in_stock: "green",
  reserved: "blue",
  sold: "violet",
  deployed: "slate",
  maintenance: "amber",
  defective: "red",
  // orders
  pending: "amber",
  confirmed: "blue",
  processing: "blue",
  shipped: "violet",
  delivered: "green",
  cancelled: "slate",
  // deliveries
  in_transit: "blue",
  out_for_delivery: "violet",
  failed: "red",
  returned: "amber",
  // products
  published: "green",
  draft: "slate",
};

export const statusLabel = (status: string) => status.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = TONES[TONE_BY_STATUS[status] ?? "slate"];
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {statusLabel(status)}
    </span>
  );
}
