import { hash, verify } from "@node-rs/bcrypt";

/**
 * bcrypt at cost 12 (OWASP's floor for bcrypt). The native binding hashes on libuv's thread
 * pool, so a slow hash does not stall the event loop the way bcryptjs did.
 */
export const PASSWORD_COST = 12;

export const hashPassword = (password: string) => hash(password, PASSWORD_COST);
export const verifyPassword = (password: string, passwordHash: string) => verify(password, passwordHash).catch(() => false);

/** Hashes made before the cost was raised are upgraded at the next successful sign-in. */
export const needsRehash = (passwordHash: string) => {
  const cost = Number(/^\$2[aby]\$(\d\d)\$/.exec(passwordHash)?.[1] ?? 0);
  return cost < PASSWORD_COST;
};

let dummy: Promise<string> | undefined;
/** A real hash at the current cost, compared when the email is unknown so timing says nothing. */
export const dummyHash = () => (dummy ??= hashPassword("no-such-user-placeholder-password"));
