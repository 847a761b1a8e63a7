import { BASE_URL } from "./helpers";

/** The suite runs against a real server (started by scripts/test.sh); fail early and clearly without one. */
export default async function setup() {
  try {
    const res = await fetch(`${BASE_URL}/api/auth/csrf`);
    if (!res.ok) throw new Error(`status ${res.status}`);
  } catch (error) {
    throw new Error(`No app server at ${BASE_URL} (${(error as Error).message}). Run the suite with \`npm test\`.`);
  }
}
