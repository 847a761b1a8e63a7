"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";

type State = "checking" | "unsupported" | "denied" | "off" | "on" | "busy";

const keyBytes = (base64url: string) => {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
};

async function pushRegistration() {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return null;
  return (await navigator.serviceWorker.getRegistration("/")) ?? navigator.serviceWorker.register("/sw.js", { scope: "/" });
}

/**
 * "Notify me of critical alerts" for this browser: subscribes with the server's VAPID public key
 * and registers the subscription (POST /api/push/subscriptions), or unsubscribes and removes it.
 * public/sw.js shows the notifications. A subscription the browser still holds is re-sent on load,
 * so one the server deleted (or a rotated one) comes back.
 */
export function PushToggle({ publicKey }: { publicKey: string }) {
  const [state, setState] = useState<State>("checking");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let gone = false;
    (async () => {
      const reg = await pushRegistration().catch(() => null);
      if (!reg) return "unsupported" as const;
      if (Notification.permission === "denied") return "denied" as const;
      const sub = await reg.pushManager.getSubscription();
      if (!sub) return "off" as const;
      const res = await apiFetch("/api/push/subscriptions", { method: "POST", json: sub.toJSON() });
      return res.ok ? ("on" as const) : ("off" as const);
    })().then((s) => !gone && setState(s));
    return () => {
      gone = true;
    };
  }, []);

  const turnOn = async () => {
    setState("busy");
    setError(null);
    try {
      const reg = await pushRegistration();
      if (!reg) return setState("unsupported");
      if ((await Notification.requestPermission()) !== "granted") return setState("denied");
      const ready = await navigator.serviceWorker.ready;
      const sub = await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      const res = await apiFetch("/api/push/subscriptions", { method: "POST", json: sub.toJSON() });
      if (!res.ok) {
        await sub.unsubscribe();
        setError(res.message);
        return setState("off");
      }
      setState("on");
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not turn notifications on");
      setState("off");
    }
  };

  const turnOff = async () => {
    setState("busy");
    setError(null);
    const reg = await pushRegistration().catch(() => null);
    const sub = await reg?.pushManager.getSubscription();
    if (sub) {
      await apiFetch("/api/push/subscriptions", { method: "DELETE", json: { endpoint: sub.endpoint } });
      await sub.unsubscribe().catch(() => false);
    }
    setState("off");
  };

  if (state === "unsupported") return <p className="text-xs text-slate-600">This browser cannot show push notifications.</p>;
  if (state === "denied") return <p className="text-xs text-slate-600">Notifications are blocked for this site in the browser settings.</p>;
  const on = state === "on";
  return (
    <div className="flex items-center gap-2 text-sm">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        disabled={state === "checking" || state === "busy"}
        onClick={() => void (on ? turnOff() : turnOn())}
        className={`rounded-full px-3 py-1 font-medium ${on ? "bg-sky-800 text-white" : "border border-slate-300 bg-white text-slate-800"} disabled:opacity-60`}
        data-testid="push-toggle"
      >
        {on ? "Critical alert notifications: on" : "Notify me of critical alerts"}
      </button>
      {error ? <span role="alert" className="text-xs text-red-800">{error}</span> : null}
    </div>
  );
}
