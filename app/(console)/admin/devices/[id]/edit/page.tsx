import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { DeviceForm } from "../../device-form";
import { loadDevice } from "../load-device";

export const metadata: Metadata = { title: "Edit device" };

export default async function EditDevicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("device:write");
  const device = await loadDevice(user, (await params).id);
  return (
    <div className="space-y-4">
      <Link href={`/admin/devices/${device.id}`} className="text-sm text-slate-600 underline">
        ← {device.serialNumber}
      </Link>
      <h1 className="text-2xl font-semibold">Edit {device.name}</h1>
      <DeviceForm device={device} />
    </div>
  );
}
