/*
 * The service worker: the app keeps working on a phone that lost its connection.
 *  - Pages (navigations) and API reads: network first; each answer is kept, and when the network
 *    fails the last one is served, stamped with when it was fetched (the page shows a banner).
 *  - Build assets (/_next/static, hashed, immutable) and icons: cache first.
 *  - Nothing else is cached: no writes, no sign-in traffic, no other origin.
 * Per-user data lives in these caches, so signing out clears them (message "clear").
 */
const VERSION = "v1";
const PAGES = `pages-${VERSION}`;
const DATA = `data-${VERSION}`;
const ASSETS = `assets-${VERSION}`;
const SHELL = ["/offline", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(ASSETS)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => ![PAGES, DATA, ASSETS].includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "clear") event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(DATA)]));
});

const stamped = (response) => {
  const headers = new Headers(response.headers);
  headers.set("x-sw-fetched-at", new Date().toISOString());
  return response.blob().then((body) => new Response(body, { status: response.status, statusText: response.statusText, headers }));
};

// The page itself says it is a saved copy (components/offline-banner.tsx reads x-sw-fetched-at);
// rewriting the HTML here would not survive React's hydration.
async function fromCacheMarked(request) {
  const cached = await caches.match(request, { cacheName: PAGES });
  if (!cached) return (await caches.match("/offline")) || Response.error();
  const headers = new Headers(cached.headers);
  headers.set("x-sw-offline", "1");
  return new Response(await cached.blob(), { status: 200, headers });
}

// The answer goes to the page at once; keeping a copy happens after, off the page's critical path.
async function networkFirst(event, cacheName, offline) {
  const { request } = event;
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(
        stamped(copy)
          .then((stampedCopy) => caches.open(cacheName).then((cache) => cache.put(request, stampedCopy)))
          .catch(() => undefined),
      );
    }
    return response;
  } catch {
    return offline(request);
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: ASSETS });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(ASSETS)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Signing in and registering need the network anyway; the browser handles them untouched.
  if (url.pathname.startsWith("/api/auth") || url.pathname === "/sw.js" || ["/login", "/register"].includes(url.pathname)) return;
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event, PAGES, fromCacheMarked));
  } else if (url.pathname.startsWith("/api/") && !url.searchParams.has("format")) {
    event.respondWith(
      networkFirst(event, DATA, async (req) => {
        const cached = await caches.match(req, { cacheName: DATA });
        if (!cached) return Response.error();
        const headers = new Headers(cached.headers);
        headers.set("x-sw-offline", "1");
        return new Response(await cached.blob(), { status: cached.status, headers });
      }),
    );
  }
});

/*
 * Web Push: critical alerts (lib/push/payload.ts builds the payload). Only the known fields are
 * read, and the link must stay on this site: a payload is trusted no further than that.
 */
self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const text = (v, fallback) => (typeof v === "string" && v ? v.slice(0, 300) : fallback);
  const path = typeof data.url === "string" && data.url.startsWith("/") && !data.url.startsWith("//") ? data.url : "/monitoring/alerts";
  event.waitUntil(
    self.registration.showNotification(text(data.title, "Critical alert"), {
      body: text(data.body, "A device needs attention."),
      tag: text(data.alertId, undefined),
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
      requireInteraction: true,
      data: { url: path },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/monitoring/alerts", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      if (open) return open.focus();
      return self.clients.openWindow(url);
    }),
  );
});

// The browser replaced the subscription (keys rotated): nothing to do here — the alerts page
// re-sends the current one when it next loads, and the old endpoint answers 410 and is deleted.
