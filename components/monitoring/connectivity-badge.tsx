const LOOK: Record<string, { label: string; className: string }> = {
  online: { label: "Online", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/20" },
  offline: { label: "Offline", className: "bg-red-50 text-red-800 ring-red-600/20" },
  never_connected: { label: "Never connected", className: "bg-slate-100 text-slate-700 ring-slate-500/20" },
};

export function ConnectivityBadge({ state, testId }: { state: string; testId?: string }) {
  const look = LOOK[state] ?? LOOK.never_connected;
  return (
    <span data-testid={testId} data-connectivity={state} className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${look.className}`}>
      {look.label}
    </span>
  );
}

const SEVERITY: Record<string, string> = {
  info: "bg-sky-50 text-sky-800 ring-sky-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/20",
  critical: "bg-red-50 text-red-800 ring-red-600/20",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span data-severity={severity} className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${SEVERITY[severity] ?? SEVERITY.info}`}>
      {severity}
    </span>
  );
}
