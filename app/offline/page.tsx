import type { Metadata } from "next";

export const metadata: Metadata = { title: "Offline" };

/** What the app shows offline for a page it has not seen yet (the service worker keeps a copy). */
export default function OfflinePage() {
  return (
    <main className="mx-auto max-w-md p-6">
      <h1 className="text-xl font-semibold text-slate-900">You are offline</h1>
      <p role="status" className="mt-2 text-slate-700">
        This page has not been saved on this device yet. Pages you opened before are still available; this one will load when you are back online.
      </p>
    </main>
  );
}
