"use client";

import { FormError } from "@/components/form-field";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { useApiAction } from "./use-api-action";

/** The customer confirms that the parcel arrived (PUT /api/deliveries/{id}/confirm), after being asked. */
export function ConfirmReceiptButton({ deliveryId, trackingNumber }: { deliveryId: number; trackingNumber: string }) {
  const { run, pending, error } = useApiAction();
  return (
    <div className="mt-2 space-y-2">
      <ConfirmButton
        label="Confirm receipt"
        title="Did your parcel arrive?"
        body={
          <p>
            Confirm only once parcel <strong>{trackingNumber}</strong> is in your hands. This marks it delivered and cannot be undone.
          </p>
        }
        confirmLabel="Yes, I received it"
        pending={pending}
        onConfirm={() => run(`/api/deliveries/${deliveryId}/confirm`, "PUT", undefined, "Thank you! Your receipt is confirmed.")}
        className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
      />
      <FormError message={error} />
    </div>
  );
}
