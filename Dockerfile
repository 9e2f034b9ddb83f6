# syntax=docker/dockerfile:1.7
# Build: compile TypeScript to JavaScript and build the Mini App's client, with the full toolchain.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# patch-package applies patches/ at install (postgres.js: a closed connection's write must not crash).
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY web ./web
# The service (dist/) and the Mini App's client (web/dist/).
RUN npm run build

# Production dependencies only (no TypeScript, no test tools).
FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Runtime: compiled JavaScript, migrations, a non-root user.
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY drizzle ./drizzle
COPY package.json ./
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
# The heap flags are npm run start:prod's (test/architecture/production-start.test.ts keeps them
# the same): a young generation of 8 MB semi-spaces and an old one grown by half its live size
# after each full collection keep the service under 160 MB under full ingest load, where V8's
# defaults let garbage reach 230 MB (README "Performance").
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/src/main.js"]
