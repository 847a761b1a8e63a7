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
export SEED_DEMO_DATA=1
