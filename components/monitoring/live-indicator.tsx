import type { LiveState } from "@/lib/client/use-monitoring-socket";

const LOOK: Record<LiveState, { label: string; dot: string }> = {
  connecting: { label: "Connecting…", dot: "bg-slate-400" },
  live: { label: "Live", dot: "bg-emerald-500" },
  reconnecting: { label: "Reconnecting…", dot: "bg-amber-500 animate-pulse" },
  denied: { label: "Live updates unavailable", dot: "bg-red-500" },
};

/** Whether the page is receiving live updates; announced to screen readers when it changes. */
export function LiveIndicator({ state }: { state: LiveState }) {
  const look = LOOK[state];
  return (
    <span role="status" data-testid="live-indicator" data-state={state} className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm text-slate-700">
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
    </span>
  );
}
