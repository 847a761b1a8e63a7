"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/client/api";

/**
 * Runs one API write: on success a toast says what changed and the server-rendered page
 * refreshes; on failure the message is kept for the form to show beside the action.
 */
export function useApiAction() {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function run(url: string, method: string, json?: unknown, success?: string): Promise<boolean> {
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiFetch(url, { method, json });
    setPending(false);
    if (!result.ok) {
      // Field problems show beside their fields; the summary only when no field can hold it.
      setFieldErrors(result.fieldErrors);
      setError(Object.keys(result.fieldErrors).length ? null : result.message);
      if (result.status === 409) router.refresh();
      return false;
    }
    if (success) toast(success);
    router.refresh();
    return true;
  }

  return { run, pending, error, fieldErrors };
}
