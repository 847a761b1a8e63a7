import Link from "next/link";

/** What a missing page says, inside the console shell: where you are and how to get back. */
export function NotFoundContent({ home }: { home: { href: string; label: string } }) {
  return (
    <div className="mx-auto max-w-lg space-y-4 rounded-lg border border-slate-200 bg-white p-8 text-center">
      <p className="text-sm font-semibold text-slate-600">Error 404</p>
      <h1 className="text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="text-slate-700">
        This page does not exist, or it was removed. If you followed a link to a device or an order, it may have been deleted, or it
        belongs to someone else.
      </p>
      <Link href={home.href} className="inline-block rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
        {home.label}
      </Link>
    </div>
  );
}
