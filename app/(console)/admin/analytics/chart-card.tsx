/** One figure of the analytics page: a title, its CSV download, and the chart or an empty state. */
export function ChartCard({ id, title, csvHref, empty, children }: { id: string; title: string; csvHref: string; empty: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`chart-${id}`}>
      <div className="mb-2 flex items-center justify-between gap-4">
        <h3 id={`${id}-title`} className="font-medium text-slate-900">
          {title}
        </h3>
        <a href={csvHref} className="text-sm text-blue-700 underline" download>
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {empty ? <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">No data in this range.</p> : children}
    </section>
  );
}
