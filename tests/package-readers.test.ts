import { describe, expect, it } from "vitest";
import { dependencyInstallOf, osPackageCommandOf, packageIndexUseOf } from "../lib/packages/index.js";
import { parseShell } from "../lib/shell/index.js";
import type { SimpleCommand } from "../lib/shell/index.js";

function command(script: string, index = 0): SimpleCommand {
  const cmd = parseShell(script).commands[index];
  if (!cmd) throw new Error(`no command ${String(index)} in ${script}`);
  return cmd;
}

/** The readers keep one result per parsed command, shared by every rule that asks. */
describe("package readers of a shell command", () => {
  it("xargs is followed only when asked, whichever question comes first", () => {
    const script = "xargs -a packages.txt apt-get install -y";
    const direct = command(script);
    expect(osPackageCommandOf(direct)).toBeNull();
    expect(osPackageCommandOf(direct, true)?.manager).toBe("apt");
    expect(osPackageCommandOf(direct)).toBeNull();

    const throughFirst = command(script);
    expect(osPackageCommandOf(throughFirst, true)?.manager).toBe("apt");
    expect(osPackageCommandOf(throughFirst)).toBeNull();
    expect(packageIndexUseOf(throughFirst)).toMatchObject({ family: "apt", install: true });
  });

  it("asking again gives the same reading, and each command its own", () => {
    const script = "apt-get update && apt-get install -y curl && npm ci";
    const update = command(script, 0);
    const install = command(script, 1);
    const npm = command(script, 2);
    expect(osPackageCommandOf(install)).toBe(osPackageCommandOf(install));
    expect(osPackageCommandOf(install)?.operands.map((word) => word.value)).toEqual(["curl"]);
    expect(osPackageCommandOf(npm)).toBeNull();
    expect(packageIndexUseOf(update)).toBe(packageIndexUseOf(update));
    expect(packageIndexUseOf(update)).not.toBe(packageIndexUseOf(install));
    expect(dependencyInstallOf(npm)).toBe(dependencyInstallOf(npm));
    expect(dependencyInstallOf(npm)?.manifests).toContain("package-lock.json");
    expect(dependencyInstallOf(install)).toBeNull();
  });
});
