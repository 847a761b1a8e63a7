// Prints a fresh VAPID key pair for Web Push as "<public> <private>" (base64url: the uncompressed
// P-256 public key, 65 bytes, and the private scalar, 32 bytes), as `web-push generate-vapid-keys`
// makes them. Plain node:crypto, so the demo can make keys before `npm ci` has run.
import { createECDH } from "node:crypto";

const ecdh = createECDH("prime256v1");
ecdh.generateKeys();
const pad = (bytes, length) => Buffer.concat([Buffer.alloc(Math.max(0, length - bytes.length)), bytes]);
process.stdout.write(`${pad(ecdh.getPublicKey(), 65).toString("base64url")} ${pad(ecdh.getPrivateKey(), 32).toString("base64url")}\n`);
