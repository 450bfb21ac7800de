# aperture-doctor: build with dev dependencies, run with production ones only, as a non-root user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/copy-build-assets.mjs ./scripts/
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY manifests ./manifests
# `aperture-doctor …` on the PATH, for `kubectl exec` and `docker compose exec`
# (aperture-doctor doctor, aperture-doctor diagnose …). No tsx and no scripts/ at run time:
# Discord commands are registered with the built `aperture-doctor register-discord`.
RUN chmod 0755 dist/cli.js && ln -s /app/dist/cli.js /usr/local/bin/aperture-doctor
# The image's `node` user, by number, so Kubernetes' runAsNonRoot can verify it without a lookup.
USER 1000:1000
EXPOSE 3000
# Ready only when every configured platform is connected (/healthz answers 503 otherwise).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM reaches node directly (exec form): in-flight replies finish before exit. Arguments
# name a command: `docker run IMAGE register-discord`, `docker run IMAGE doctor`.
ENTRYPOINT ["node", "dist/cli.js"]
