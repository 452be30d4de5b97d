/** What the engine suite does when no engine can start: fail in CI, skip loudly elsewhere. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { EngineUnavailableError, startEngineForSuite } from "../support/engine.js";

const unavailable = (): Promise<never> => Promise.reject(new EngineUnavailableError("dockerd did not start: it exited"));

describe("startEngineForSuite", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("fails in CI, saying why and what to install", async () => {
    vi.stubEnv("CI", "true");
    await expect(startEngineForSuite("npm run test:engine", unavailable)).rejects.toThrow(
      /npm run test:engine: the Docker engine could not start, and CI requires it \(apt-get install docker\.io busybox-static docker-registry\)\. dockerd did not start: it exited/u,
    );
  });

  it("outside CI, skips with a warning that says so", async () => {
    vi.stubEnv("CI", "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await expect(startEngineForSuite("npm run test:engine", unavailable)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/npm run test:engine: SKIPPED, no Docker engine could start here\.\ndockerd did not start: it exited\nIn CI \(CI=true\) this fails the run\./u);
  });

  it("does not hide other errors as a missing engine", async () => {
    vi.stubEnv("CI", "");
    await expect(startEngineForSuite("suite", () => Promise.reject(new TypeError("bug")))).rejects.toThrow(TypeError);
  });
});
