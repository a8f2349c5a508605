# syntax=docker/dockerfile:1
# warm-pool-mock: build with the dev toolchain, run with production dependencies only.
#   docker build -t warm-pool-mock .
#   docker run --rm -p 4010:4010 warm-pool-mock
# scripts/check-dockerfile.ts runs these steps without Docker (npm run docker:check).
# The base image follows Node's active LTS line; the choice: docs/decisions/docker-node-lts.md.

FROM node:26-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:26-trixie-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# The CLI bundle (scripts/build-cli.ts) with its on-demand chunks; node_modules still serves
# what it loads by name at run time (pino-pretty for a terminal, yaml for an edited openapi/).
COPY --from=build /app/dist/cli ./dist/cli
# The dashboard (scripts/build-dashboard.ts), served at /_dashboard/.
COPY --from=build /app/dist/dashboard ./dist/dashboard
# openapi/ to notice an edited contract (the bundle embeds the shipped one); fixtures/ for
# the world files POST /_admin/world/load may read.
COPY openapi ./openapi
COPY fixtures ./fixtures
# The image's unprivileged user; the server writes nothing outside /tmp.
USER node
EXPOSE 4010
# No curl in slim images: node itself asks the health endpoint.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# PID 1 is node itself: the CLI handles SIGTERM/SIGINT (drains in-flight requests, then exits),
# and it starts no child processes, so no zombies need reaping. `docker run --init` adds tini anyway.
CMD ["node", "dist/cli/warm-pool-mock.js"]
