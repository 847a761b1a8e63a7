/** The mark (also the favicon, app/icon.svg) and the name. */
export function Logo() {
  return (
    <span className="flex items-center gap-2 font-semibold text-slate-900">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7 shrink-0">
        <rect width="32" height="32" rx="7" fill="#0f766e" />
        <path d="M9 11h14v10H9z" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinejoin="round" />
        <circle cx="16" cy="16" r="2.4" fill="#fff" />
        <path d="M12 7v4M20 7v4M12 21v4M20 21v4" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <span>Device Store</span>
    </span>
  );
}
