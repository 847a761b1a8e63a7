"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/form-field";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";

interface Credential {
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

/** Issue, rotate and revoke the device's token. A new token is shown once, here, and never again. */
export function CredentialsPanel({ deviceId, serialNumber, credentials }: { deviceId: number; serialNumber: string; credentials: Credential[] }) {
  const router = useRouter();
  const toast = useToast();
  const [token, setToken] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const active = credentials.find((c) => c.active);

  async function issue() {
    setPending(true);
    setError(null);
    const result = await apiFetch<{ token: string }>(`/api/devices/${deviceId}/credentials`, { method: "POST" });
    setPending(false);
    if (!result.ok) return setError(result.message);
    setToken(result.data.token);
    setCopied(false);
    toast(active ? "Token rotated; the previous token no longer works." : "Token issued.");
    router.refresh();
  }

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await apiFetch(`/api/devices/${deviceId}/credentials`, { method: "DELETE" });
    setPending(false);
    if (!result.ok) return setError(result.message);
    setToken(null);
    toast("Token revoked; the device can no longer send data.");
    router.refresh();
  }

  async function copy() {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      toast("Token copied to the clipboard.");
    } catch {
      setError("Copying is not allowed here; select the token and copy it by hand.");
    }
  }

  return (
    <div className="space-y-3 text-sm">
      {token ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="new-token">
          <p className="font-medium text-amber-900">Copy this token now. It is shown only once and cannot be retrieved later.</p>
          <label className="block">
            <span className="sr-only">Device token</span>
            <input readOnly value={token} onFocus={(e) => e.currentTarget.select()} className="w-full rounded-md border border-amber-300 bg-white px-2 py-1 font-mono text-xs" />
          </label>
          <div className="flex gap-2">
            <button type="button" onClick={copy} className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
              {copied ? "Copied" : "Copy token"}
            </button>
            <button type="button" onClick={() => setToken(null)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
              I have stored it
            </button>
          </div>
        </div>
      ) : null}
      <p data-testid="credential-state">
        {active ? (
          <>
            Active token <code className="font-mono">{active.prefix}…</code>, issued {formatDateTime(active.createdAt)} UTC
            {active.lastUsedAt ? `, last used ${formatDateTime(active.lastUsedAt)} UTC` : ", not used yet"}.
          </>
        ) : (
          "No active token: the device cannot send data."
        )}
      </p>
      <div className="flex flex-wrap gap-2">
        {active ? (
          <ConfirmButton
            label="Rotate token"
            title={`Rotate the token of ${serialNumber}?`}
            body="A new token is issued and the current one stops working at once. The device must be given the new token."
            confirmLabel="Rotate token"
            pending={pending}
            onConfirm={issue}
            className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-50"
          />
        ) : (
          <button type="button" disabled={pending} onClick={issue} className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700 disabled:opacity-50">
            Issue token
          </button>
        )}
        {active ? (
          <ConfirmButton
            label="Revoke token"
            title={`Revoke the token of ${serialNumber}?`}
            body="The device can no longer send data until a new token is issued."
            confirmLabel="Revoke token"
            tone="danger"
            pending={pending}
            onConfirm={revoke}
            className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-red-700 hover:bg-red-50 disabled:opacity-50"
          />
        ) : null}
      </div>
      <FormError message={error} />
      {credentials.length ? (
        <details>
          <summary className="cursor-pointer text-slate-700">All tokens ({credentials.length})</summary>
          <ul className="mt-2 space-y-1">
            {credentials.map((c) => (
              <li key={c.prefix + c.createdAt} className="flex flex-wrap justify-between gap-2">
                <code className="font-mono">{c.prefix}…</code>
                <span className="text-slate-600">{c.active ? "active" : `revoked ${formatDateTime(c.revokedAt!)} UTC`}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
