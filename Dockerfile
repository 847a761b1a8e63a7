# One image for every Node process of the product (web, worker, realtime, simulator, migrations);
# docker-compose and k8s/ pick the command. Multi-stage: the build stage has the dev dependencies
# (TypeScript, esbuild, Prisma's generator); the runtime stage has production dependencies only,
# the Next build and the compiled workers (dist/, scripts/build-workers.mjs), and runs as `node`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN node_modules/.bin/next build && node scripts/build-workers.mjs

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the only one generates the Prisma client, which is already compiled into
# .next and dist/ by the build stage.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HEALTH_URL=http://127.0.0.1:3000/api/health
# Chromium prints the monthly reports' PDFs (lib/reports/pdf.ts, CHROMIUM_PATH); without it the
# product still runs and a PDF request answers 503.
RUN apt-get update && apt-get install -y --no-install-recommends curl chromium fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY package.json next.config.ts ./
COPY prisma ./prisma
# Next writes its cache under .next/cache at run time.
RUN chown -R node:node /app/.next
USER node
EXPOSE 3000 3001 9400
# The web's health by default; the worker (METRICS_PORT) and realtime set HEALTH_URL to their /healthz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS "$HEALTH_URL" >/dev/null || exit 1
CMD ["node_modules/.bin/next", "start", "-p", "3000"]
