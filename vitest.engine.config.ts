import { defineConfig } from "vitest/config";

// The engine suite (npm run test:engine): real dockerd builds, one file at a time, apart from `npm test`.
export default defineConfig({
  test: {
    include: ["tests/engine/**/*.engine.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
