"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api";

/** Runs one API write, shows its error, and refreshes the server-rendered page on success. */
export function useApiAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function run(url: string, method: string, json?: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    setFieldErrors({});
    const result = await apiFetch(url, { method, json });
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      setFieldErrors(result.fieldErrors);
      return false;
    }
    router.refresh();
    return true;
  }

  return { run, pending, error, fieldErrors };
}
