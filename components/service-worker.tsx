"use client";

import { useEffect } from "react";

/** Registers the service worker (public/sw.js) once the page has loaded. */
export function ServiceWorkerRegistrar() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No offline support (private window, blocked by the browser): the app works without it.
    });
  }, []);
  return null;
}

/** Signing out must not leave someone's orders and devices readable offline. */
export async function clearOfflineData() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  registration?.active?.postMessage("clear");
  if ("caches" in window) {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith("pages-") || k.startsWith("data-")).map((k) => caches.delete(k)));
  }
}
