import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listDeviceCredentials } from "@/lib/provisioning/credentials";
import { getDeviceConfig, listDeviceConfigVersions } from "@/lib/provisioning/device-config";
import type { DeviceConfig } from "@/lib/provisioning/schemas";
import { loadDevice } from "../load-device";
import { ConfigForm } from "./config-form";
import { ConfigHistory } from "./config-history";
import { CredentialsPanel } from "./credentials-panel";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requirePageUser("device:configure");
  const device = await loadDevice(user, (await params).id);
  return { title: `Configuration · ${device.serialNumber}` };
}

/** A unit's monitoring configuration (versioned, with a diff between versions) and its device tokens. */
export default async function DeviceConfigPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("device:configure");
  const device = await loadDevice(user, (await params).id);
  const [current, versions, credentials] = await Promise.all([
    getDeviceConfig(user, device.id),
    listDeviceConfigVersions(user, device.id),
    listDeviceCredentials(user, device.id),
  ]);
  return (
    <div className="space-y-6">
      <Link href={`/admin/devices/${device.id}`} className="text-sm text-slate-600 underline">
        ← {device.serialNumber}
      </Link>
      <h1 className="text-2xl font-semibold break-words">Configuration and credentials · {device.name}</h1>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="config-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="config-heading" className="font-semibold">
            Configuration <span className="text-sm font-normal text-slate-600">{current.version ? `version ${current.version}` : "defaults, never saved"}</span>
          </h2>
          <ConfigForm deviceId={device.id} config={current.config} />
        </section>
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="credentials-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="credentials-heading" className="mb-3 font-semibold">
              Credentials
            </h2>
            <CredentialsPanel deviceId={device.id} serialNumber={device.serialNumber} credentials={credentials} />
          </section>
          <section aria-labelledby="versions-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="versions-heading" className="mb-3 font-semibold">
              Version history
            </h2>
            <ConfigHistory key={current.version} versions={versions.map((v) => ({ version: v.version, createdAt: v.createdAt, config: v.config as DeviceConfig }))} />
          </section>
        </div>
      </div>
    </div>
  );
}
