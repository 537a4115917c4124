# Multi-stage image for running Wheelhouse in a cluster (see deploy/). It cannot be built on the development
# machines of this project (no Docker engine there), so it is kept deliberately simple.
# Next's `output: 'standalone'` is not used: Wheelhouse runs a custom server (Fastify + socket.io + Next on one
# port), which standalone output does not support; the runtime stage instead carries the production
# node_modules and the .next build.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# the sandbox is an npm workspace: its package.json must be there for the install
COPY package.json package-lock.json ./
COPY server/sandbox/package.json ./server/sandbox/
RUN npm install --no-audit --no-fund
COPY . .
# tsx (runs server/*.ts) is a production dependency; typescript, vitest, eslint and playwright are pruned
RUN npx next build && npm prune --omit=dev && rm -rf .next/cache

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOST=0.0.0.0 PORT=3000 WHEELHOUSE_DATA_DIR=/tmp/wheelhouse \
    HOME=/tmp
# HOME: user 10001 has no passwd entry; /tmp is writable (an emptyDir in the pod)
# the files are owned by 10001 but the pod mounts the root filesystem read-only (deploy/deployment.yaml)
WORKDIR /app
COPY --from=build --chown=10001:10001 /app/package.json ./
COPY --from=build --chown=10001:10001 /app/node_modules ./node_modules
COPY --from=build --chown=10001:10001 /app/.next ./.next
COPY --from=build --chown=10001:10001 /app/public ./public
COPY --from=build --chown=10001:10001 /app/server ./server
COPY --from=build --chown=10001:10001 /app/lib ./lib
COPY --from=build --chown=10001:10001 /app/next.config.ts /app/tsconfig.json ./
USER 10001:10001
EXPOSE 3000
# ENTRYPOINT + CMD: a pod's `args:` replaces only CMD (deploy/deployment.yaml passes --in-cluster itself)
ENTRYPOINT ["node", "--import", "tsx", "server/main.ts"]
CMD ["--in-cluster"]
