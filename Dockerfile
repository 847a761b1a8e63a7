# One image for every Node process of the product (web, worker, realtime, simulator);
# docker-compose picks the command. Dev dependencies stay: the workers run through tsx.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY scripts/prisma-generate.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build
EXPOSE 3000 3001
CMD ["npx", "next", "start", "-p", "3000"]
