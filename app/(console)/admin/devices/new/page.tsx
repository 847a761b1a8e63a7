import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { DeviceForm } from "../device-form";

export const metadata: Metadata = { title: "Add device" };

export default async function NewDevicePage() {
  await requirePageUser("device:write");
  return (
    <div className="space-y-4">
      <Link href="/admin/devices" className="text-sm text-slate-600 underline">
        ← Inventory
      </Link>
      <h1 className="text-2xl font-semibold">Add a device</h1>
      <DeviceForm />
    </div>
  );
}
