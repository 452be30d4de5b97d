/**
 * The base image of the engine scenarios, made without any registry: a root
 * file system with Debian's static busybox and its applets, plus small
 * stand-ins for the package managers the rules talk about. A stand-in keeps
 * what matters to the cache: `apt-get update` downloads an index that a later
 * `apt-get install` reads; `npm ci` downloads what the lockfile names. The
 * real `useradd` is copied in with its libraries, so its log files behave as
 * on Debian.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const BUSYBOX_CANDIDATES = ["/bin/busybox", "/usr/bin/busybox"];

/** Host names that the builds map to 127.0.0.1 with `--add-host`, all served by the test's file server. */
export const HOSTS = { mirror: "deb.example.test", downloads: "dl.example.test", api: "api.example.test", registry: "npm.example.test" } as const;

export interface BaseImageOptions {
  /** Port of the loopback file server that plays the mirror and the registry. */
  port: number;
}

/** Fills `rootfs` with the base image's files; returns whether the real useradd could be included. */
export function makeRootfs(rootfs: string, options: BaseImageOptions): { useradd: boolean } {
  const busybox = BUSYBOX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!busybox) throw new Error("no busybox (apt-get install busybox-static)");
  if (isDynamic(busybox)) throw new Error(`${busybox} is dynamically linked and cannot run alone in an image (apt-get install busybox-static)`);
  for (const dir of ["bin", "sbin", "usr/bin", "usr/sbin", "etc/apt", "etc/default", "tmp", "root", "var/log", "var/lib", "run", "opt", "usr/local/bin"]) {
    mkdirSync(path.join(rootfs, dir), { recursive: true });
  }
  chmodSync(path.join(rootfs, "tmp"), 0o1777);
  copyFileSync(busybox, path.join(rootfs, "bin/busybox"));
  chmodSync(path.join(rootfs, "bin/busybox"), 0o755);
  const applets = execFileSync(busybox, ["--list"], { encoding: "utf8" }).split("\n").filter((name) => /^[\w.[-]+$/u.test(name) && name !== "busybox");
  for (const applet of applets) symlinkSync("busybox", path.join(rootfs, "bin", applet));

  writeFileSync(path.join(rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  writeFileSync(path.join(rootfs, "etc/group"), "root:x:0:\nnogroup:x:65534:\n");
  writeFileSync(path.join(rootfs, "etc/shadow"), "root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n", { mode: 0o640 });
  writeFileSync(path.join(rootfs, "etc/gshadow"), "root:*::\nnogroup:*::\n", { mode: 0o640 });
  writeFileSync(path.join(rootfs, "etc/apt/mirror"), `http://${HOSTS.mirror}:${options.port}\n`);
  writeFileSync(path.join(rootfs, "etc/npm-registry"), `http://${HOSTS.registry}:${options.port}\n`);
  for (const tool of ["apt-get", "npm"]) {
    copyFileSync(new URL(`stand-ins/${tool}`, import.meta.url), path.join(rootfs, "usr/bin", tool));
    chmodSync(path.join(rootfs, "usr/bin", tool), 0o755);
  }
  // apt reads the same lists as apt-get; one stand-in plays both.
  symlinkSync("apt-get", path.join(rootfs, "usr/bin/apt"));
  return { useradd: copyUseradd(rootfs) };
}

/** Whether an executable needs shared libraries: ldd lists them, and fails on a static one. */
function isDynamic(file: string): boolean {
  try {
    return /=>|ld-linux/u.test(execFileSync("ldd", [file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  } catch {
    return false;
  }
}

/**
 * Copies Debian's useradd with the shared libraries ldd names, and the log
 * files that Debian images ship, so that `useradd` without `-l` writes them.
 */
function copyUseradd(rootfs: string): boolean {
  const binary = "/usr/sbin/useradd";
  if (!existsSync(binary)) return false;
  let libraries: string[];
  try {
    // Lines such as "libaudit.so.1 => /lib/x86_64-linux-gnu/libaudit.so.1 (0x…)" and "/lib64/ld-linux-x86-64.so.2 (0x…)".
    libraries = execFileSync("ldd", [binary], { encoding: "utf8" })
      .split("\n")
      .flatMap((line) => line.trim().split(" ").filter((word) => word.startsWith("/")));
  } catch {
    return false;
  }
  for (const library of [binary, ...libraries]) {
    const target = path.join(rootfs, library);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(realpathSync(library), target);
    chmodSync(target, 0o755);
  }
  for (const file of ["/etc/login.defs", "/etc/default/useradd"]) {
    if (existsSync(file)) copyFileSync(file, path.join(rootfs, file));
  }
  writeFileSync(path.join(rootfs, "var/log/lastlog"), "");
  writeFileSync(path.join(rootfs, "var/log/faillog"), "");
  return true;
}
