import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import devices" };

export default async function ImportDevicesPage() {
  await requirePageUser("device:write");
  return (
    <div className="space-y-4">
      <Link href="/admin/devices" className="text-sm text-slate-600 underline">
        ← Inventory
      </Link>
      <h1 className="text-2xl font-semibold">Import devices from CSV</h1>
      <div className="max-w-3xl space-y-1 text-sm text-slate-600">
        <p>
          One row per unit, with a header row naming the columns <code>serialNumber</code>, <code>name</code>, <code>type</code>,{" "}
          <code>model</code>, <code>price</code> and optionally <code>description</code> and <code>specifications</code> (a JSON
          object). A unit whose serial number already exists is updated; the others are added in stock.
        </p>
        <p>
          An exported file imports back as it is: its <code>id</code>, <code>status</code> and date columns are ignored (change
          status on the device page, with a reason). Check the file first — nothing is written unless every row is valid.
        </p>
      </div>
      <ImportForm />
    </div>
  );
}
