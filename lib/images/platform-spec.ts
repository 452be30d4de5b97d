/**
 * Platform specifiers as `FROM --platform=` reads them (`linux/amd64`,
 * `linux/arm64/v8`, `linux`, `arm64`), parsed and normalised the way
 * containerd's platform parser does. A lone OS or architecture is completed
 * with the builder's own; this module assumes a `linux/amd64` builder.
 */

export interface PlatformSpec {
  os: string;
  architecture: string;
  variant: string;
}

const KNOWN_OS = new Set([
  "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
  "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
]);

const KNOWN_ARCH = new Set([
  "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle",
  "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
  "s390", "s390x", "sparc", "sparc64", "wasm",
]);

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === "macos" ? "darwin" : lower;
}

function normalizeArch(arch: string, variant: string): { architecture: string; variant: string } {
  const a = arch.toLowerCase();
  const v = variant.toLowerCase();
  switch (a) {
    case "i386":
      return { architecture: "386", variant: "" };
    case "x86_64":
    case "x86-64":
    case "amd64":
      return { architecture: "amd64", variant: v === "v1" ? "" : v };
    case "aarch64":
    case "arm64":
      return { architecture: "arm64", variant: v === "8" || v === "v8" || v === "" ? "v8" : v };
    case "armhf":
      return { architecture: "arm", variant: "v7" };
    case "armel":
      return { architecture: "arm", variant: "v6" };
    case "arm":
      return { architecture: "arm", variant: v === "" || v === "7" ? "v7" : /^\d$/u.test(v) ? `v${v}` : v };
    default:
      return { architecture: a, variant: v };
  }
}

/** Parses a platform specifier; null when containerd would reject it. */
export function parsePlatform(specifier: string): PlatformSpec | null {
  if (specifier.includes("*")) return null;
  const parts = specifier.split("/");
  const first = parts[0] ?? "";
  // `windows(10.0.17763)` carries an OS version.
  const osPart = first.replace(/\([^()]*\)$/u, "");
  if (![osPart, ...parts.slice(1)].every((part) => /^[\w.-]+$/u.test(part))) return null;
  if (parts.length === 1) {
    const os = normalizeOS(osPart);
    if (KNOWN_OS.has(os)) return { os, architecture: "amd64", variant: "" };
    const arch = normalizeArch(osPart, "");
    if (KNOWN_ARCH.has(arch.architecture)) return { os: "linux", ...arch };
    return null;
  }
  if (parts.length > 3) return null;
  const arch = normalizeArch(parts[1] ?? "", parts[2] ?? "");
  return { os: normalizeOS(osPart), ...arch };
}
