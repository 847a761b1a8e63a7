"use client";

import { FormError } from "@/components/form-field";
import { useApiAction } from "./use-api-action";

/** The customer confirms that the parcel arrived (PUT /api/deliveries/{id}/confirm). */
export function ConfirmReceiptButton({ deliveryId }: { deliveryId: number }) {
  const { run, pending, error } = useApiAction();
  return (
    <div className="mt-2 space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() => run(`/api/deliveries/${deliveryId}/confirm`, "PUT")}
        className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
      >
        Confirm receipt
      </button>
      <FormError message={error} />
    </div>
  );
}
