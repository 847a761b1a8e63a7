import type { Metadata } from "next";
import Link from "next/link";
import { DeviceOrderLink } from "@/components/device-order-link";
import { StatusBadge } from "@/components/status-badge";
import { requirePageUser } from "@/lib/auth/session";
import { manualDeviceLifecycle, type DeviceStatus } from "@/lib/inventory/lifecycle";
import { getDeviceHistory, wasDeviceEverOrdered } from "@/lib/inventory/service";
import { findProductOf } from "@/lib/products/service";
import { AuditHistory } from "./audit-history";
import { DeleteDeviceButton } from "./delete-device-button";
import { loadDevice } from "./load-device";
import { StatusChangeForm } from "./status-change-form";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await requirePageUser("device:read");
  const device = await loadDevice(user, (await params).id);
  return { title: `${device.serialNumber} · ${device.name}` };
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} UTC` : "—");
const specText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("device:read");
  const device = await loadDevice(user, (await params).id);
  const [history, everOrdered, product] = await Promise.all([
    getDeviceHistory(user, device.id),
    wasDeviceEverOrdered(user, device.id),
    findProductOf(user, device),
  ]);
  // Back to "deployed" only for a unit that was deployed before (the service checks it too).
  const nextStates = manualDeviceLifecycle
    .nextStates(device.status as DeviceStatus)
    .filter((s) => s !== "deployed" || device.deployedAt);
  const specs = Object.entries((device.specifications ?? {}) as Record<string, unknown>);

  return (
    <div className="space-y-6">
      <Link href="/admin/devices" className="text-sm text-slate-600 underline">
        ← Inventory
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold break-words" data-testid="device-name">
          {device.name}
        </h1>
        <StatusBadge status={device.status} testId="device-status" />
        <div className="flex flex-wrap gap-2 sm:ml-auto">
          <Link href={`/admin/devices/${device.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
            Edit
          </Link>
          <Link href={`/admin/devices/${device.id}/config`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100">
            Configuration &amp; credentials
          </Link>
          {/* A unit that was ever ordered stays on record (mark it defective instead). */}
          {everOrdered ? null : <DeleteDeviceButton id={device.id} serialNumber={device.serialNumber} />}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="details-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 lg:col-span-2">
          <h2 id="details-heading" className="mb-3 font-semibold">
            Details
          </h2>
          <dl className="grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-6 gap-y-2 text-sm [overflow-wrap:anywhere]">
            <dt className="text-slate-500">Serial number</dt>
            <dd className="font-mono" data-testid="device-serial">{device.serialNumber}</dd>
            <dt className="text-slate-500">Type</dt>
            <dd>{device.type}</dd>
            <dt className="text-slate-500">Model</dt>
            <dd>{device.model}</dd>
            <dt className="text-slate-500">In the shop as</dt>
            <dd data-testid="device-product">
              {product ? (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <Link href={`/admin/products/${product.id}`} className="underline">
                    {product.name}
                  </Link>
                  <StatusBadge status={product.published ? "published" : "draft"} />
                </span>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-500">Price</dt>
            <dd className="tabular-nums" data-testid="device-price">{device.price}</dd>
            <dt className="text-slate-500">Description</dt>
            <dd className="whitespace-pre-wrap" data-testid="device-description">{device.description ?? "—"}</dd>
            <dt className="text-slate-500">Added</dt>
            <dd>{when(device.createdAt)}</dd>
            <dt className="text-slate-500">Last changed</dt>
            <dd>{when(device.updatedAt)}</dd>
            <dt className="text-slate-500">Deployed</dt>
            <dd>{when(device.deployedAt)}</dd>
            <dt className="text-slate-500">Last seen</dt>
            <dd>{when(device.lastSeenAt)}</dd>
          </dl>
          <h3 className="mt-5 mb-2 text-sm font-semibold">Specifications</h3>
          {specs.length ? (
            <dl className="grid grid-cols-[minmax(0,max-content)_minmax(0,1fr)] gap-x-6 gap-y-1 text-sm [overflow-wrap:anywhere]" data-testid="device-specifications">
              {specs.map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-slate-500">{key}</dt>
                  <dd className="font-mono">{specText(value)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-500">None recorded.</p>
          )}
        </section>

        <div className="space-y-6">
          <section aria-labelledby="status-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="status-heading" className="mb-3 font-semibold">
              Change status
            </h2>
            <StatusChangeForm id={device.id} status={device.status} nextStates={[...nextStates]} />
          </section>
          <section aria-labelledby="order-heading" data-slot="device-order" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="order-heading" className="mb-2 font-semibold">
              Order
            </h2>
            <DeviceOrderLink deviceId={device.id} />
          </section>
        </div>
      </div>

      <AuditHistory events={history} />
    </div>
  );
}
