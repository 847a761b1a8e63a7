"use client";

import { useEffect, useRef, useState } from "react";
import type { ApiFailure } from "@/lib/client/api";
import { placeFieldErrors } from "@/lib/client/form-errors";

const CORRECT_FIELDS = "Please correct the highlighted fields.";

/**
 * A form's validation state: field messages beside their inputs, one message above the form,
 * and focus moved to the first field that needs fixing (keyboard users land on it).
 * `fields` are the form's input names, so API messages it cannot place are shown as text.
 */
export function useFieldErrors(fields: readonly string[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  /** Field messages found before sending (nothing was sent). */
  function showInvalid(fieldErrors: Record<string, string>) {
    setErrors(fieldErrors);
    setMessage(CORRECT_FIELDS);
  }

  function clear() {
    setErrors({});
    setMessage(null);
  }

  /** The API's refusal; `extra` adds field messages the form infers from it (e.g. a conflict's field). */
  function showFailure(failure: ApiFailure, extra: Record<string, string> = {}) {
    const { errors: placed, allPlaced } = placeFieldErrors({ ...failure.fieldErrors, ...extra }, fields);
    setErrors(placed);
    setMessage(Object.keys(placed).length && allPlaced ? CORRECT_FIELDS : failure.message);
  }

  return { formRef, errors, message, showInvalid, showFailure, clear };
}
