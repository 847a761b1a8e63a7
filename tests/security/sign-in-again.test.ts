import { expect, it } from "vitest";
import { BASE_URL, newCustomer } from "../integration/helpers";
import { browserSignIn } from "./helpers";
/** Sign-out revokes the old session; signing in again right away must give a working one. */
it("a customer can sign in again right after signing out", async () => {
  const c = await newCustomer();
  const cookie = await browserSignIn(c.email, c.password);
  const { csrfToken } = (await (await fetch(`${BASE_URL}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
  await fetch(`${BASE_URL}/api/auth/signout`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: BASE_URL }, body: new URLSearchParams({ csrfToken, json: "true" }) });
  const again = await browserSignIn(c.email, c.password);
  const s: { user?: { email?: string } } = await (await fetch(`${BASE_URL}/api/auth/session`, { headers: { cookie: again } })).json();
  expect(s.user?.email).toBe(c.email);
}, 60000);
