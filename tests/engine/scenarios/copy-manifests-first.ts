import { expect } from "vitest";
import { status, type Harness } from "../harness.js";
import type { Scenario } from "./scenario.js";

const LOCK = `{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "left-pad": "1.3.0",
    "is-odd": "3.0.1"
  }
}
`;

const PROJECT = {
  "package.json": '{ "name": "app", "scripts": { "build": "cat src/*.js > dist/app.js" } }\n',
  "package-lock.json": LOCK,
  "src/index.js": 'console.log("v1");\n',
};

/** The registry the npm stand-in downloads from; returns how to count its downloads. */
function publishRegistry(harness: Harness): () => number {
  const routes = ["/left-pad/-/left-pad-1.3.0.tgz", "/is-odd/-/is-odd-3.0.1.tgz"];
  for (const route of routes) harness.server.set(route, `module ${route}\n`);
  return () => routes.reduce((sum, route) => sum + harness.server.count(route), 0);
}

export const copyManifestsFirst: Scenario[] = [
  {
    id: "copy-manifests-first-problem",
    rule: "copy-manifests-first",
    kind: "problem",
    claim: "A `COPY . .` before the install misses the cache on any edit to any file, so the install runs again on every build.",
    scenario: "`COPY . .` then `RUN npm ci` then `RUN npm run build`; one line of `src/index.js` is edited.",
    async run(harness) {
      harness.server.reset();
      const downloads = publishRegistry(harness);
      const dockerfile = [`FROM ${harness.base}`, "WORKDIR /app", "COPY . .", "RUN npm ci", "RUN npm run build", ""].join("\n");
      expect(harness.lint(dockerfile, "copy-manifests-first").map((message) => message.messageId)).toEqual(["wholeContextBeforeInstall"]);
      const first = await harness.build("manifests-late", { dockerfile, files: PROJECT, network: true });
      expect(first.ok, first.log).toBe(true);
      expect(downloads()).toBe(2);

      const second = await harness.build("manifests-late", { dockerfile, files: { "src/index.js": 'console.log("v2");\n' }, network: true });
      expect(second.ok, second.log).toBe(true);
      const copy = second.step("COPY . .");
      const install = second.step("RUN npm ci");
      expect([copy.cached, install.cached]).toEqual([false, false]);
      expect(downloads()).toBe(4);
      return `\`COPY . .\` ${status(copy)}, \`RUN npm ci\` ${status(install)} and downloaded both dependencies again.`;
    },
  },
  {
    id: "copy-manifests-first-fix",
    rule: "copy-manifests-first",
    kind: "fix",
    claim: "Copy the manifests first, install, then copy the rest: the install runs again only when a manifest changes.",
    scenario: "`COPY package.json package-lock.json ./`, `RUN npm ci`, `COPY . .`, `RUN npm run build`; the same edit, then an edit of the lockfile.",
    async run(harness) {
      harness.server.reset();
      const downloads = publishRegistry(harness);
      const dockerfile = [`FROM ${harness.base}`, "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "RUN npm run build", ""].join("\n");
      expect(harness.lint(dockerfile, "copy-manifests-first")).toEqual([]);
      const first = await harness.build("manifests-first", { dockerfile, files: PROJECT, network: true });
      expect(first.ok, first.log).toBe(true);

      const edited = await harness.build("manifests-first", { dockerfile, files: { "src/index.js": 'console.log("v2");\n' }, network: true });
      expect(edited.ok, edited.log).toBe(true);
      const install = edited.step("RUN npm ci");
      const copy = edited.step("COPY . .");
      expect([edited.step("COPY package.json").cached, install.cached, copy.cached, edited.step("RUN npm run build").cached]).toEqual([true, true, false, false]);
      expect(downloads()).toBe(2);
      expect(edited.read("app/dist/app.js")).toBe('console.log("v2");\n');

      harness.server.set("/is-odd/-/is-odd-3.0.2.tgz", "module is-odd 3.0.2\n");
      const relocked = await harness.build("manifests-first", { dockerfile, files: { "package-lock.json": LOCK.replace("3.0.1", "3.0.2") }, network: true });
      expect(relocked.ok, relocked.log).toBe(true);
      const reinstall = relocked.step("RUN npm ci");
      expect(reinstall.cached).toBe(false);
      return `After the source edit \`RUN npm ci\` was ${status(install)} (no download) and only \`COPY . .\` and the build ran; after a lockfile edit \`RUN npm ci\` ${status(reinstall)}.`;
    },
  },
];
