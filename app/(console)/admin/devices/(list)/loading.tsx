/** Shown while the inventory page loads (filters, sorting and paging are server round trips). */
export default function LoadingDevices() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4" data-testid="devices-loading">
      <p className="sr-only">Loading devices…</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-10 w-full animate-pulse rounded bg-slate-100" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
