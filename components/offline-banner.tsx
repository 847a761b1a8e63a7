"use client";

import { useEffect, useState } from "react";

const PAGES_CACHE = "pages-v1"; // public/sw.js

/** Offline, says so and how old the page on screen is (the service worker's saved copy). */
export function OfflineBanner() {
  const [offline, setOffline] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  useEffect(() => {
    const update = () => setOffline(!navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  useEffect(() => {
    if (!offline || !("caches" in window)) return;
    caches
      .open(PAGES_CACHE)
      .then((cache) => cache.match(window.location.href))
      .then((res) => setSavedAt(res?.headers.get("x-sw-fetched-at") ?? null))
      .catch(() => setSavedAt(null));
  }, [offline]);

  if (!offline) return null;
  return (
    <div role="status" data-testid="offline-banner" className="border-b border-amber-400 bg-amber-100 px-4 py-2 text-sm text-amber-950">
      You are offline. This is the last state seen{savedAt ? `, saved ${new Date(savedAt).toLocaleString()}` : ""}; it will update when you are back online.
    </div>
  );
}
