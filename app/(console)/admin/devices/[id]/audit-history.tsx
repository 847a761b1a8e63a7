import { StatusBadge } from "@/components/status-badge";
import type { AuditEventDto } from "@/lib/audit";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function describe(event: AuditEventDto): string {
  const fields = (event.data as { fields?: unknown } | null)?.fields;
  const source = (event.data as { source?: unknown } | null)?.source === "csv_import" ? " (CSV import)" : "";
  if (event.action === "updated" && Array.isArray(fields)) return `Updated ${fields.join(", ")}${source}`;
  if (event.action === "created") return `Created${source}`;
  if (event.action === "status_changed") return "Status changed";
  return event.action.replace(/_/g, " ");
}

/** Every recorded change to the unit, oldest first: who, what, from → to, why, when. */
export function AuditHistory({ events }: { events: AuditEventDto[] }) {
  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="history-heading" className="mb-3 font-semibold">
        History
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">No recorded changes.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="History table">
<table className="min-w-full text-sm" data-testid="audit-history">
          <thead className="text-left text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">When (UTC)</th>
              <th scope="col" className="py-1 pr-4 font-medium">Who</th>
              <th scope="col" className="py-1 pr-4 font-medium">What</th>
              <th scope="col" className="py-1 pr-4 font-medium">Status</th>
              <th scope="col" className="py-1 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id}>
                <td className="py-1.5 pr-4 whitespace-nowrap">{dateTime.format(new Date(e.createdAt))}</td>
                <td className="py-1.5 pr-4">{e.actor}</td>
                <td className="py-1.5 pr-4">{describe(e)}</td>
                <td className="py-1.5 pr-4 whitespace-nowrap">
                  {e.fromStatus ? <StatusBadge status={e.fromStatus} /> : null}
                  {e.fromStatus && e.toStatus ? <span aria-label="to"> → </span> : null}
                  {e.toStatus ? <StatusBadge status={e.toStatus} /> : null}
                </td>
                <td className="py-1.5">{e.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      )}
    </section>
  );
}
