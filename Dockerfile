# Production image: one process serves the web bundle, GraphQL (HTTP + WebSocket),
# /healthz and /readyz on port 4000.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json .npmrc* ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
COPY test/package.json test/
RUN pnpm install --frozen-lockfile
COPY shared shared
COPY server server
COPY web web
RUN pnpm build && pnpm --filter @groundwork/server deploy --prod --legacy /out/server

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0 WEB_DIST=/app/web/dist DATA_DIR=/var/lib/groundwork
WORKDIR /app
COPY --from=build /out/server server
COPY --from=build /app/web/dist web/dist
# Photos are kept under DATA_DIR/photos unless PHOTO_STORE_URL names an S3-compatible bucket:
# the folder belongs to the user the server runs as (mount a volume on it).
RUN mkdir -p /var/lib/groundwork && chown node:node /var/lib/groundwork
VOLUME /var/lib/groundwork
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "server/dist/main.js"]
