"use client";

/** A monitoring page failed to load (telemetry store or database unreachable). */
export default function MonitoringError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-6 text-red-900">
      <h1 className="text-lg font-semibold">Monitoring data is unavailable right now</h1>
      <p className="text-sm">The telemetry store could not be reached. Your devices keep reporting; try again in a moment.</p>
      <button type="button" onClick={reset} className="rounded-md bg-red-800 px-3 py-2 text-sm font-medium text-white hover:bg-red-700">
        Try again
      </button>
    </div>
  );
}
