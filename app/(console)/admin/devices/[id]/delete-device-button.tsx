import { ConfirmDeleteButton } from "@/components/confirm-delete-button";

/** Delete a unit, after confirmation; a unit that was ever ordered is refused (409). */
export function DeleteDeviceButton({ id, serialNumber }: { id: number; serialNumber: string }) {
  return (
    <ConfirmDeleteButton
      url={`/api/devices/${id}`}
      name={serialNumber}
      explanation="The unit is removed from the inventory. Units that were ever ordered cannot be deleted."
      confirmLabel="Delete unit"
      then="/admin/devices"
    />
  );
}
