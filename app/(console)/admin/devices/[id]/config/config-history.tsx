"use client";

import { useState } from "react";
import { formatDateTime } from "@/lib/client/format";
import type { DeviceConfig } from "@/lib/provisioning/schemas";

interface Version {
  version: number;
  createdAt: string;
  config: DeviceConfig;
}

/** "thresholds.temperature.max" → 30: the configuration as flat paths, so two versions compare line by line. */
function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) out.set(prefix, value.join(", "));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== undefined) out.set(prefix, String(value));
  return out;
}

export function diffConfigs(a: DeviceConfig, b: DeviceConfig) {
  const before = flatten(a);
  const after = flatten(b);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.filter((k) => before.get(k) !== after.get(k)).map((k) => ({ path: k, before: before.get(k), after: after.get(k) }));
}

/** Every saved version, and what changed between any two of them. */
export function ConfigHistory({ versions }: { versions: Version[] }) {
  const [to, setTo] = useState(versions[0]?.version ?? 0);
  const [from, setFrom] = useState(versions[1]?.version ?? 0);
  if (versions.length === 0) return <p className="text-sm text-slate-600">No version saved yet; the device uses the defaults.</p>;
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  const changes = a && b ? diffConfigs(a.config, b.config) : [];
  const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div className="space-y-3">
      <ol className="max-h-48 space-y-1 overflow-y-auto text-sm" aria-label="Saved versions">
        {versions.map((v) => (
          <li key={v.version} className="flex justify-between gap-2">
            <span className="font-medium">Version {v.version}</span>
            <span className="text-slate-600">{formatDateTime(v.createdAt)} UTC</span>
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <>
          <div className="grid grid-cols-2 gap-2">
            <label className="text-sm">
              Compare
              <select value={from} onChange={(e) => setFrom(Number(e.target.value))} className={select}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              with
              <select value={to} onChange={(e) => setTo(Number(e.target.value))} className={select}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    Version {v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {changes.length === 0 ? (
            <p className="text-sm text-slate-600">No differences.</p>
          ) : (
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Differences between versions">
              <table className="min-w-full text-sm" data-testid="config-diff">
                <caption className="sr-only">
                  Changes from version {from} to version {to}
                </caption>
                <thead className="text-left text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Setting</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Version {from}</th>
                    <th scope="col" className="py-1 font-medium">Version {to}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 font-mono text-xs">
                  {changes.map((c) => (
                    <tr key={c.path}>
                      <td className="py-1 pr-3 break-all">{c.path}</td>
                      <td className="py-1 pr-3 text-red-800">{c.before === undefined ? <span className="font-sans italic">not set</span> : <del>{c.before}</del>}</td>
                      <td className="py-1 text-emerald-800">{c.after === undefined ? <span className="font-sans italic">not set</span> : <ins className="no-underline">{c.after}</ins>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
