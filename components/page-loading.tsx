/** The skeleton shown while a page's data loads (a server round trip on every navigation). */
export function PageLoading({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4" data-testid="page-loading">
      <p className="sr-only">{label}</p>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-10 w-full max-w-xl animate-pulse rounded bg-slate-100" />
      <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
