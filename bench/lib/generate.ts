/**
 * A long, realistic Dockerfile: stages of ARG, ENV, LABEL, WORKDIR, COPY and
 * RUNs with apt-get, pipes and continuation lines, COPY --from the stage
 * before, and a final CMD per stage.
 */

const STAGE_BODY: ((stage: number, step: number) => string)[] = [
  (s, i) => `ARG VERSION_${i}=1.${s}.${i}`,
  (s, i) => `ENV APP_HOME_${i}=/opt/app${s} PATH=/opt/app${s}/bin:$PATH`,
  (s, i) => `LABEL org.opencontainers.image.version="${s}.${i}" stage="build-${s}"`,
  (s, i) =>
    [
      `RUN apt-get update \\`,
      `    && apt-get install -y --no-install-recommends \\`,
      `        ca-certificates=20230311 curl=7.88.1-10+deb12u${i % 9} git \\`,
      `    && rm -rf /var/lib/apt/lists/*`,
    ].join("\n"),
  (s, i) => `COPY package.json package-lock.json /opt/app${s}/${i}/`,
  (s, i) => `RUN curl -fsSL https://example.com/tool-\${VERSION_${i - 5}}.tar.gz | tar -xz -C /usr/local/bin && chmod +x /usr/local/bin/tool`,
  (s, i) => `WORKDIR /opt/app${s}/${i}`,
  (s, i) => `RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev && npm run build -- --out dist/${s}-${i} 2>&1 | tee build.log`,
  (s, i) => `COPY --chown=app:app src/ /opt/app${s}/src${i}/`,
  (s, i) => `RUN set -eux; for f in a b c; do echo "$f-${i}" >> /tmp/list; done; grep -c a /tmp/list || true`,
];

/** A Dockerfile of exactly `instructions` instructions. */
export function generateDockerfile(instructions: number, stageLength = 100): string {
  const lines: string[] = ["# syntax=docker/dockerfile:1", "ARG BASE=debian:12.5-slim"];
  let count = 1;
  let stage = 0;
  while (count < instructions) {
    lines.push("", `FROM \${BASE} AS stage-${stage}`);
    count++;
    if (stage > 0 && count < instructions) {
      lines.push(`COPY --from=stage-${stage - 1} /opt/app${stage - 1}/ /opt/prev/`);
      count++;
    }
    for (let step = 0; step < stageLength - 3 && count < instructions - 1; step++, count++) {
      const make = STAGE_BODY[step % STAGE_BODY.length];
      if (make) lines.push(make(stage, step));
    }
    if (count < instructions) {
      lines.push(`CMD ["node", "/opt/app${stage}/server.js"]`);
      count++;
    }
    stage++;
  }
  return `${lines.join("\n")}\n`;
}
