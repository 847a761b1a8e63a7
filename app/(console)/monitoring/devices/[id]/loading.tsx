/** Shown while a monitoring page gathers its figures. */
export default function LoadingMonitoring() {
  return (
    <div aria-busy="true" className="space-y-4" data-testid="monitoring-loading">
      <p role="status" className="sr-only">Loading monitoring data…</p>
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="grid gap-3 sm:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-100" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
