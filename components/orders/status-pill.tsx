/** A status as a small coloured pill (orders, deliveries and units share the palette). */
const TONE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-800",
  confirmed: "bg-sky-100 text-sky-800",
  processing: "bg-indigo-100 text-indigo-800",
  shipped: "bg-violet-100 text-violet-800",
  in_transit: "bg-violet-100 text-violet-800",
  out_for_delivery: "bg-violet-100 text-violet-800",
  delivered: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-slate-200 text-slate-700",
  failed: "bg-red-100 text-red-800",
  returned: "bg-orange-100 text-orange-800",
  in_stock: "bg-emerald-100 text-emerald-800",
  reserved: "bg-amber-100 text-amber-800",
  sold: "bg-violet-100 text-violet-800",
  deployed: "bg-sky-100 text-sky-800",
  maintenance: "bg-orange-100 text-orange-800",
  defective: "bg-red-100 text-red-800",
};

export function StatusPill({ status, testId }: { status: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status] ?? "bg-slate-100 text-slate-700"}`}
    >
      {status.replaceAll("_", " ")}
    </span>
  );
}
