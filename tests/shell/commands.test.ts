import { describe, it, expect } from "vitest";
import { commandName, isShellCommand, oncePerCommand, parseArgs, parseShell, shellInvocation, unwrapCommand } from "../../lib/shell/index.js";
import type { ShellWord, SimpleCommand } from "../../lib/shell/index.js";

function first(script: string): SimpleCommand {
  const cmd = parseShell(script).commands[0];
  if (!cmd) throw new Error("no command");
  return cmd;
}

function unwrap(script: string): { name: string | null; args: string[]; wrappers: string[] } {
  const { name, args, wrappers } = unwrapCommand(first(script));
  return { name, args: args.map((w) => w.value), wrappers: wrappers.map((w) => w.value) };
}

function args(script: string): ShellWord[] {
  return first(script).words.slice(1);
}

function parsed(script: string, withValue: string[] = [], singleDashLong = false): { positionals: string[]; options: [string, string | null][] } {
  const result = parseArgs(args(script), { withValue, singleDashLong });
  return {
    positionals: result.positionals.map((w) => w.value),
    options: result.options.map((o) => [o.name, o.value?.value ?? null]),
  };
}

describe("commandName", () => {
  it("is the first word: apt-get", () => {
    expect(commandName(first("apt-get install -y curl"))).toBe("apt-get");
  });

  it("is the basename of a path: /usr/bin/apt-get is apt-get", () => {
    expect(commandName(first("/usr/bin/apt-get update"))).toBe("apt-get");
    expect(commandName(first("./configure --prefix=/usr"))).toBe("configure");
  });

  it("skips assignments and redirections: A=1 >log make", () => {
    expect(commandName(first("A=1 >log make"))).toBe("make");
  });

  it("is null for an assignment-only command", () => {
    expect(commandName(first("A=1"))).toBeNull();
  });

  it("is null when the first word is dynamic: $CC, \"$(which pip)\"", () => {
    expect(commandName(first("$CC -o x x.c"))).toBeNull();
    expect(commandName(first('"$(which pip)" install x'))).toBeNull();
  });

  it("is the unquoted value: 'apt-get' and a\\pt are apt-get and apt", () => {
    expect(commandName(first("'apt-get' update"))).toBe("apt-get");
    expect(commandName(first("a\\pt update"))).toBe("apt");
  });
});

describe("unwrapCommand", () => {
  it("reads each command once: asking again gives the same reading, and each command its own", () => {
    const [sudo, env] = parseShell("sudo apt-get update && env A=1 make").commands;
    if (!sudo || !env) throw new Error("two commands expected");
    expect(unwrapCommand(sudo)).toBe(unwrapCommand(sudo));
    expect(unwrapCommand(sudo).name).toBe("apt-get");
    expect(unwrapCommand(env).name).toBe("make");
    // The same text parsed again is another command, read on its own.
    expect(unwrapCommand(first("sudo apt-get update"))).not.toBe(unwrapCommand(sudo));
  });

  it("returns the command itself when there is no wrapper", () => {
    expect(unwrap("apt-get install -y x")).toEqual({ name: "apt-get", args: ["install", "-y", "x"], wrappers: [] });
  });

  it("sudo with options: -u user, -E, --", () => {
    expect(unwrap("sudo apt-get update")).toEqual({ name: "apt-get", args: ["update"], wrappers: ["sudo"] });
    expect(unwrap("sudo -u app -E npm ci")).toEqual({ name: "npm", args: ["ci"], wrappers: ["sudo"] });
    expect(unwrap("sudo -Eu app -- pip install x").name).toBe("pip");
    expect(unwrap("sudo --user=app -H gem install x").name).toBe("gem");
    expect(unwrap("sudo --user app gem install x").name).toBe("gem");
    expect(unwrap("sudo -uapp make").name).toBe("make");
    expect(unwrap("sudo DEBIAN_FRONTEND=noninteractive apt-get install x").name).toBe("apt-get");
  });

  it("env with options and VAR=val words", () => {
    expect(unwrap("env DEBIAN_FRONTEND=noninteractive apt-get install -y x")).toEqual({
      name: "apt-get",
      args: ["install", "-y", "x"],
      wrappers: ["env"],
    });
    expect(unwrap("env -i -u HOME -- PATH=/bin sh -e").name).toBe("sh");
    // Options come before assignments: after one, `-u` is the command.
    expect(unwrap("env A=1 -u x").name).toBe("-u");
    expect(unwrap("env - A=1 ls").name).toBe("ls");
  });

  it("command and exec run their argument; command -v only looks it up", () => {
    expect(unwrap("command -p curl x")).toEqual({ name: "curl", args: ["x"], wrappers: ["command"] });
    expect(unwrap("exec -a name gosu app")).toEqual({ name: "gosu", args: ["app"], wrappers: ["exec"] });
    expect(unwrap("command -v curl")).toEqual({ name: "command", args: ["-v", "curl"], wrappers: [] });
    expect(unwrap("command -pv curl").name).toBe("command");
  });

  it("nice [-n N], nohup, time [-p], timeout [opts] DURATION, stdbuf", () => {
    expect(unwrap("nice -n 10 make -j4").name).toBe("make");
    expect(unwrap("nice -10 make").name).toBe("make");
    expect(unwrap("nohup server --port 1").args).toEqual(["--port", "1"]);
    expect(unwrap("time -p make all").name).toBe("make");
    expect(unwrap("timeout 30 curl -fsSL x")).toEqual({ name: "curl", args: ["-fsSL", "x"], wrappers: ["timeout"] });
    expect(unwrap("timeout -s KILL --preserve-status 5m wget x").name).toBe("wget");
    expect(unwrap("stdbuf -oL -e 0 tail -f log").name).toBe("tail");
  });

  it("chains of wrappers: sudo -E env A=1 nice -n 5 timeout 10 apt-get update", () => {
    expect(unwrap("sudo -E env A=1 nice -n 5 timeout 10 apt-get update")).toEqual({
      name: "apt-get",
      args: ["update"],
      wrappers: ["sudo", "env", "nice", "timeout"],
    });
  });

  it("xargs is not a wrapper", () => {
    expect(unwrap("xargs -r apt-get install -y")).toEqual({ name: "xargs", args: ["-r", "apt-get", "install", "-y"], wrappers: [] });
  });

  it("a wrapper with nothing after it has no name: sudo -v, exec >log", () => {
    expect(unwrap("sudo -v")).toEqual({ name: null, args: [], wrappers: ["sudo"] });
    expect(unwrap("exec >log 2>&1")).toEqual({ name: null, args: [], wrappers: ["exec"] });
  });

  it("a dynamic wrapped command has no name but keeps its args", () => {
    expect(unwrap("sudo $PM install x")).toEqual({ name: null, args: ["install", "x"], wrappers: ["sudo"] });
  });

  it("a command with no words", () => {
    expect(unwrap("A=1")).toEqual({ name: null, args: [], wrappers: [] });
  });
});

describe("isShellCommand", () => {
  it("knows sh, bash, ash, dash, zsh, ksh, mksh and busybox sh", () => {
    for (const name of ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox sh"]) expect(isShellCommand(name)).toBe(true);
  });

  it("rejects other programs, paths and null", () => {
    for (const name of ["python", "pwsh", "cmd", "busybox", "/bin/sh", "", "fish"]) expect(isShellCommand(name)).toBe(false);
    expect(isShellCommand(null)).toBe(false);
  });
});

describe("shellInvocation", () => {
  it("sh -c 'script': the script word", () => {
    expect(shellInvocation(first("sh -c 'apt-get update'"))?.script?.value).toBe("apt-get update");
  });

  it("flags before -c: -ex -c, -o pipefail -c, -lc, --login -c, +e -c", () => {
    for (const script of ["bash -ex -c x", "bash -o pipefail -c x", "bash -lc x", "bash --login -c x", "sh +e -c x", "bash -O extglob -c x"]) {
      expect(shellInvocation(first(script))).toEqual({ script: expect.objectContaining({ value: "x" }) as unknown, stdin: false });
    }
  });

  it("reads standard input with no script operand or with -s", () => {
    expect(shellInvocation(first("bash"))).toEqual({ script: null, stdin: true });
    expect(shellInvocation(first("sh -ex"))).toEqual({ script: null, stdin: true });
    expect(shellInvocation(first("bash -s -- a b"))).toEqual({ script: null, stdin: true });
    expect(shellInvocation(first("sh ./install.sh"))).toEqual({ script: null, stdin: false });
  });

  it("through wrappers and busybox", () => {
    expect(shellInvocation(first("sudo -u app bash -c id"))?.script?.value).toBe("id");
    expect(shellInvocation(first("/bin/busybox sh -c id"))?.script?.value).toBe("id");
    expect(shellInvocation(first("busybox wget x"))).toBeNull();
  });

  it("su and runuser with -c: su postgres -c '…', su -lc '…' app, runuser -u app -- sh -c", () => {
    expect(shellInvocation(first("su postgres -c 'initdb -D /data'"))?.script?.value).toBe("initdb -D /data");
    expect(shellInvocation(first("su -s /bin/bash -lc 'id' app"))?.script?.value).toBe("id");
    expect(shellInvocation(first("su --command 'id' app"))?.script?.value).toBe("id");
    expect(shellInvocation(first("su - app"))).toEqual({ script: null, stdin: false });
  });

  it("is null for other commands", () => {
    expect(shellInvocation(first("python -c 'print(1)'"))).toBeNull();
    expect(shellInvocation(first("A=1"))).toBeNull();
  });
});

describe("parseArgs", () => {
  it("Go's flags: one name after one or two dashes, values after = or in the next word, no clusters", () => {
    expect(parsed('go install -ldflags "-s -w" --tags=netgo -trimpath -o /out ./cmd/x@v1.2.3', ["-ldflags", "-tags", "-o"], true)).toEqual({
      positionals: ["install", "./cmd/x@v1.2.3"],
      options: [
        ["-ldflags", "-s -w"],
        ["-tags", "netgo"],
        ["-trimpath", null],
        ["-o", "/out"],
      ],
    });
  });

  it("Go's flags: a word known only at build time is an argument, and -- ends the options", () => {
    expect(parsed("go install -${FLAG} -- -x@latest", [], true)).toEqual({ positionals: ["install", "-${FLAG}", "-x@latest"], options: [] });
  });

  it("positionals and flags: install -y --no-install-recommends curl", () => {
    expect(parsed("apt-get install -y --no-install-recommends curl")).toEqual({
      positionals: ["install", "curl"],
      options: [
        ["-y", null],
        ["--no-install-recommends", null],
      ],
    });
  });

  it("combined short flags: -yq", () => {
    expect(parsed("apt-get -yq install x").options).toEqual([
      ["-y", null],
      ["-q", null],
    ]);
  });

  it("--opt=value and --opt value", () => {
    expect(parsed("apt-get install --target-release=bookworm-backports x --target-release bullseye y", ["--target-release"])).toEqual({
      positionals: ["install", "x", "y"],
      options: [
        ["--target-release", "bookworm-backports"],
        ["--target-release", "bullseye"],
      ],
    });
  });

  it("-t value and -tvalue, also at the end of a cluster: -yt value", () => {
    expect(parsed("apt-get -t stable -tbackports -yt testing -o Dpkg::Options::=--force-confold install", ["-t", "-o"]).options).toEqual([
      ["-t", "stable"],
      ["-t", "backports"],
      ["-y", null],
      ["-t", "testing"],
      ["-o", "Dpkg::Options::=--force-confold"],
    ]);
  });

  it("-- ends the options; a lone - is a positional", () => {
    expect(parsed("cmd -a -- -b - c")).toEqual({ positionals: ["-b", "-", "c"], options: [["-a", null]] });
  });

  it("an option with a value missing at the end", () => {
    expect(parsed("pip install -r", ["-r"]).options).toEqual([["-r", null]]);
  });

  it("an option value's offsets point at the value: --opt=value and -tvalue", () => {
    const script = "pip install --index-url=https://x/simple -rreq.txt";
    const cmd = first(script);
    const { options } = parseArgs(cmd.words.slice(2), { withValue: ["-r", "--index-url"] });
    const [url, req] = options;
    expect(url?.value && script.slice(url.value.start, url.value.end)).toBe("https://x/simple");
    expect(req?.value && script.slice(req.value.start, req.value.end)).toBe("req.txt");
    expect(url?.word.value).toBe("--index-url=https://x/simple");
  });

  it("a quoted value keeps its quotes in raw: --opt=\"a b\"", () => {
    const script = 'cmd --opt="a b"';
    const value = parseArgs(args(script)).options[0]?.value;
    expect(value).toMatchObject({ value: "a b", raw: '"a b"', quoted: true });
    expect(value && script.slice(value.start, value.end)).toBe('"a b"');
  });

  it("the value of -r requirements.txt is the next word", () => {
    const result = parseArgs(args("pip install --no-cache-dir -r requirements.txt"), { withValue: ["-r", "--requirement"] });
    expect(result.positionals.map((w) => w.value)).toEqual(["install"]);
    expect(result.options.map((o) => [o.name, o.value?.value ?? null])).toEqual([
      ["--no-cache-dir", null],
      ["-r", "requirements.txt"],
    ]);
  });
});

describe("oncePerCommand", () => {
  it("reads each command once per reader, and two readers of one command keep their own results", () => {
    const seen: string[] = [];
    const name = oncePerCommand((cmd) => {
      seen.push(cmd.words[0]?.value ?? "");
      return cmd.words[0]?.value ?? null;
    });
    const count = oncePerCommand((cmd) => cmd.words.length);
    const [update, install] = parseShell("apt-get update && apt-get install -y curl").commands;
    if (!update || !install) throw new Error("two commands expected");
    expect([name(update), name(install), name(update), name(install)]).toEqual(["apt-get", "apt-get", "apt-get", "apt-get"]);
    expect(seen).toEqual(["apt-get", "apt-get"]);
    expect([count(update), count(install)]).toEqual([2, 4]);
    expect(name(update)).toBe("apt-get");
  });

  it("starts afresh on a copy of a command made with a spread, whose words may differ", () => {
    const words = oncePerCommand((cmd) => cmd.words.map((word) => word.value).join(" "));
    const cmd = first("make build");
    expect(words(cmd)).toBe("make build");
    const copy: SimpleCommand = { ...cmd, words: cmd.words.slice(0, 1) };
    expect(words(copy)).toBe("make");
    expect(words(cmd)).toBe("make build");
    expect(Object.keys(cmd)).toEqual(Object.keys(copy));
  });

  it("reads again a reader's undefined, as it keeps no result for it", () => {
    let reads = 0;
    const nothing = oncePerCommand(() => {
      reads++;
      return undefined;
    });
    const cmd = first("true");
    nothing(cmd);
    nothing(cmd);
    expect(reads).toBe(2);
  });
});
