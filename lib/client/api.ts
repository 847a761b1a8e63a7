/**
 * Browser-side calls to the project's API. Errors come back in the one envelope; this turns
 * them into a message and a field → message map that forms show beside each input.
 */
export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  fieldErrors: Record<string, string>;
  details?: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export async function apiFetch<T = unknown>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<ApiResult<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set("content-type", "application/json");
  let response: Response;
  try {
    response = await fetch(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
  } catch {
    return { ok: false, status: 0, code: "network", message: "Cannot reach the server; check your connection", fieldErrors: {} };
  }
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, status: response.status, data: body as T };
  const error = body?.error ?? {};
  const fieldErrors: Record<string, string> = {};
  for (const f of (error.details?.fields ?? []) as { field: string; message: string }[]) {
    fieldErrors[f.field] ??= f.message;
  }
  if (error.details?.field && !fieldErrors[error.details.field]) fieldErrors[error.details.field] = error.message;
  return {
    ok: false,
    status: response.status,
    code: error.code ?? "unknown",
    message: error.message ?? `Request failed (${response.status})`,
    fieldErrors,
    details: error.details,
  };
}
