import type { AuditEventDto } from "@/lib/audit";

const describe = (e: AuditEventDto) => {
  if (e.action === "placed") return "Order placed";
  if (e.action === "status_changed") return `${e.fromStatus ?? "—"} → ${e.toStatus}`;
  if (e.action === "delivery_update") return "Delivery update";
  if (e.action === "delivery_created") return "Another parcel shipped";
  return e.action.replaceAll("_", " ");
};

/** The order's history: who did what, when, with the note they gave. */
export function OrderTimeline({ events }: { events: AuditEventDto[] }) {
  return (
    <ol className="space-y-2" aria-label="Order timeline">
      {events.map((e) => (
        <li key={e.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium text-slate-900">{describe(e)}</span>
            <time className="text-xs text-slate-500" dateTime={e.createdAt}>
              {new Date(e.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })} UTC
            </time>
          </div>
          <div className="text-xs text-slate-600">by {e.actor}</div>
          {e.reason ? <p className="mt-1 text-slate-700">{e.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}
