# The value-pr GitHub App: Probot's server (`npm start`) on Node 24, as the unprivileged `node`
# user, with a health check on Probot's /ping. Node 24 runs the TypeScript sources as they are,
# so there is no build stage. Configure it with Probot's environment (see the README, "Deploy
# the App"); compose.yaml runs it with Redis for several replicas.
FROM node:24-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app

# Runtime dependencies only: no test tools, and no Node binary from npm (the image has one).
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

COPY app.yml LICENSE ./
COPY src ./src

USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/ping`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, without npm in between: `docker stop` sends SIGTERM to this process,
# which lets the jobs in flight finish and exits.
CMD ["node", "src/app/server.ts"]
