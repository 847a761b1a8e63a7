# Sourced by scripts/demo.sh. The demo runs `next start` (production), which refuses a
# guessable AUTH_SECRET: generate a random one once per checkout and keep it in .demo/, so
# sessions survive a restart of the demo. An AUTH_SECRET already in the environment wins.
# Also turns on the demo customer and devices in scripts/seed.ts (never seeded otherwise).
mkdir -p .demo
if [ -z "${AUTH_SECRET:-}" ]; then
  if [ ! -s .demo/auth-secret ]; then
    (umask 077; node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))' >.demo/auth-secret)
  fi
  AUTH_SECRET="$(cat .demo/auth-secret)"
fi
export AUTH_SECRET
# Web Push for critical alerts with a VAPID key pair made once per checkout, like AUTH_SECRET
# (browsers' subscriptions are tied to the public key, so it must survive restarts). Keys in
# the environment win; WEB_PUSH=0 turns push off.
if [ -z "${VAPID_PUBLIC_KEY:-}" ] || [ -z "${VAPID_PRIVATE_KEY:-}" ]; then
  if [ ! -s .demo/vapid-keys ]; then
    (umask 077; node scripts/vapid-keys.mjs >.demo/vapid-keys)
  fi
  # `read` fails at an end of file without a newline (an older key file): the words still count.
  read -r VAPID_PUBLIC_KEY VAPID_PRIVATE_KEY <.demo/vapid-keys || [ -n "${VAPID_PRIVATE_KEY:-}" ]
fi
export VAPID_PUBLIC_KEY VAPID_PRIVATE_KEY
export WEB_PUSH="${WEB_PUSH:-1}"
export SEED_DEMO_DATA=1
