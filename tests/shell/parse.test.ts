import { describe, it, expect } from "vitest";
import { parseShell } from "../../lib/shell/index.js";
import type { ShellParseResult, ShellWord, SimpleCommand } from "../../lib/shell/index.js";

function values(cmd: SimpleCommand | undefined): string[] {
  return cmd ? cmd.words.map((w) => w.value) : [];
}

/** Word values of every command, in source order. */
function commands(script: string): string[][] {
  return parseShell(script).commands.map(values);
}

/** The script text a word, command or range points at. */
function at(script: string, node: { start: number; end: number }): string {
  return script.slice(node.start, node.end);
}

function only(script: string): SimpleCommand {
  const result = parseShell(script);
  expect(result.errors).toEqual([]);
  expect(result.commands).toHaveLength(1);
  const [cmd] = result.commands;
  if (!cmd) throw new Error("no command");
  return cmd;
}

function word(cmd: SimpleCommand, i: number): ShellWord {
  const w = cmd.words[i];
  if (!w) throw new Error(`no word ${i}`);
  return w;
}

function find(result: ShellParseResult, name: string): SimpleCommand {
  const cmd = result.commands.find((c) => c.words[0]?.value === name);
  if (!cmd) throw new Error(`no command ${name}`);
  return cmd;
}

/** Every offset of every command, word and redirect lies within the script, start <= end. */
function expectSaneRanges(script: string, result: ShellParseResult): void {
  const ok = (n: { start: number; end: number }): boolean => n.start >= 0 && n.start <= n.end && n.end <= script.length;
  for (const cmd of result.commands) {
    expect(ok(cmd)).toBe(true);
    for (const w of [...cmd.words, ...cmd.assignments]) expect(ok(w)).toBe(true);
    for (const r of cmd.redirects) {
      expect(ok(r)).toBe(true);
      if (r.target) expect(ok(r.target)).toBe(true);
      if (r.heredoc) expect(r.heredoc.bodyStart <= r.heredoc.bodyEnd && r.heredoc.bodyEnd <= script.length).toBe(true);
    }
  }
  for (const e of result.errors) expect(e.offset >= 0 && e.offset <= script.length).toBe(true);
}

describe("words", () => {
  it("splits plain words on blanks and tabs", () => {
    expect(commands("echo  a\tb   c")).toEqual([["echo", "a", "b", "c"]]);
  });

  it("single quotes keep everything literal: 'a $b \\c \"d\"'", () => {
    const cmd = only(`echo 'a $b \\c "d"'`);
    expect(word(cmd, 1)).toMatchObject({ value: 'a $b \\c "d"', quoted: true, dynamic: false });
  });

  it('double quotes unescape \\$ \\` \\" \\\\ and keep other backslashes', () => {
    const cmd = only('echo "\\$x \\` \\" \\\\ \\n"');
    expect(word(cmd, 1).value).toBe('$x ` " \\ \\n');
    expect(word(cmd, 1).dynamic).toBe(false);
  });

  it("backslash outside quotes escapes the next character", () => {
    const cmd = only("echo \\$HOME a\\ b \\;");
    expect(values(cmd)).toEqual(["echo", "$HOME", "a b", ";"]);
    expect(word(cmd, 1)).toMatchObject({ quoted: true, dynamic: false });
  });

  it("line continuation \\<newline> is removed inside and between words", () => {
    const script = 'apt-get install \\\n  -y cu\\\nrl "a\\\nb"';
    const cmd = only(script);
    expect(values(cmd)).toEqual(["apt-get", "install", "-y", "curl", "ab"]);
    expect(at(script, word(cmd, 3))).toBe("cu\\\nrl");
  });

  it("a word followed by a continuation does not include it", () => {
    const script = "apt-get install -y\\\n curl";
    const cmd = only(script);
    expect(values(cmd)).toEqual(["apt-get", "install", "-y", "curl"]);
    expect(word(cmd, 2).raw).toBe("-y");
  });

  it("ANSI-C quotes $'…' decode escapes and are not dynamic", () => {
    const cmd = only("printf $'a\\tb\\n\\x41\\101\\u00e9\\'q'");
    expect(word(cmd, 1)).toMatchObject({ value: "a\tb\nAAé'q", quoted: true, dynamic: false });
  });

  it('$"…" is a double-quoted string', () => {
    expect(word(only('echo $"hi $USER"'), 1)).toMatchObject({ value: "hi $USER", dynamic: true });
  });

  it("mixes quoting styles in one word: a'b'\"c\"\\d", () => {
    const cmd = only("echo a'b'\"c\"\\d");
    expect(word(cmd, 1)).toMatchObject({ value: "abcd", raw: "a'b'\"c\"\\d", quoted: true });
  });

  it("quoted is false for plain words", () => {
    expect(word(only("echo abc"), 1).quoted).toBe(false);
  });

  it("dynamic for $VAR, ${VAR}, $(cmd), backticks, $((1+2)), $1, $@ outside single quotes", () => {
    for (const w of ["$VAR", "${VAR}", '"$(id)"', "`id`", "$((1+2))", "$1", '"$@"', "x${a}y"]) {
      const cmd = parseShell(`echo ${w}`).commands[0];
      expect(cmd ? word(cmd, 1).dynamic : null).toBe(true);
    }
  });

  it("not dynamic for '$HOME', a lone $, and $ before a non-name", () => {
    for (const w of ["'$HOME'", "$", "a$", '"$"', "$%"]) {
      expect(word(only(`echo ${w}`), 1).dynamic).toBe(false);
    }
  });

  it("expansions are kept verbatim in value", () => {
    const result = parseShell('echo "${HOME}/x" $(( 1 + 2 )) "$(a "b")"');
    expect(result.commands.map(values)).toEqual([["echo", "${HOME}/x", "$(( 1 + 2 ))", '$(a "b")'], ["a", "b"]]);
  });

  it("operators inside $(…), ${…}, $((…)) and backticks do not split words", () => {
    const cmd = parseShell("echo $(a && b; c | d) ${x:-a b;c} $(( (1+2) * 3 )) `e || f`").commands.find((c) => c.words[0]?.value === "echo");
    expect(cmd?.words).toHaveLength(5);
  });

  it("raw is the word as written and start/end point at it", () => {
    const script = "  cp  'a b'  \"c\"d ";
    const cmd = only(script);
    for (const w of cmd.words) expect(at(script, w)).toBe(w.raw);
    expect(word(cmd, 1).raw).toBe("'a b'");
    expect(cmd.start).toBe(2);
    expect(cmd.end).toBe(17);
  });

  it("# starts a comment only at word start", () => {
    expect(commands("echo a#b #c d\necho e")).toEqual([
      ["echo", "a#b"],
      ["echo", "e"],
    ]);
    expect(commands("echo $# ${#x};# comment")).toEqual([["echo", "$#", "${#x}"]]);
  });

  it("a whole-line comment and an empty script give no commands", () => {
    expect(parseShell("# just a comment")).toEqual({ commands: [], errors: [] });
    expect(parseShell("")).toEqual({ commands: [], errors: [] });
    expect(parseShell(" \n\t\n")).toEqual({ commands: [], errors: [] });
  });

  it("CRLF line endings end lines and words", () => {
    expect(commands("a b\r\nc\r\n")).toEqual([["a", "b"], ["c"]]);
    expect(commands("a \\\r\n b")).toEqual([["a", "b"]]);
  });

  it("non-ASCII text is part of words", () => {
    expect(commands("echo héllo wörld 🐳")).toEqual([["echo", "héllo", "wörld", "🐳"]]);
  });
});

describe("lists and operators", () => {
  it("&& and || set next and prev", () => {
    const { commands: cmds } = parseShell("a && b || c");
    expect(cmds.map((c) => [c.prev, c.next])).toEqual([
      [null, "&&"],
      ["&&", "||"],
      ["||", null],
    ]);
  });

  it("; and newline join like ;, and a trailing ; ends the list", () => {
    const { commands: cmds } = parseShell("a; b\nc;\n");
    expect(cmds.map((c) => [c.prev, c.next])).toEqual([
      [null, ";"],
      [";", ";"],
      [";", null],
    ]);
  });

  it("& keeps its connector, also at the end", () => {
    const { commands: cmds } = parseShell("a & b &");
    expect(cmds.map((c) => [c.prev, c.next])).toEqual([
      [null, "&"],
      ["&", "&"],
    ]);
  });

  it("| and |& make pipelines", () => {
    const { commands: cmds } = parseShell("curl -fsSL x | tar -xz |& tee log");
    expect(cmds.map(values)).toEqual([["curl", "-fsSL", "x"], ["tar", "-xz"], ["tee", "log"]]);
    expect(cmds.map((c) => [c.prev, c.next])).toEqual([
      [null, "|"],
      ["|", "|&"],
      ["|&", null],
    ]);
  });

  it("! before a pipeline is dropped", () => {
    expect(commands("! grep -q x f && echo y")).toEqual([
      ["grep", "-q", "x", "f"],
      ["echo", "y"],
    ]);
  });

  it("newlines after && || and | continue the list", () => {
    const { commands: cmds, errors } = parseShell("a &&\n\n b ||\n c |\n d");
    expect(errors).toEqual([]);
    expect(cmds.map((c) => c.prev)).toEqual([null, "&&", "||", "|"]);
  });

  it("operators without spaces: a&&b;c|d", () => {
    expect(commands("a&&b;c|d")).toEqual([["a"], ["b"], ["c"], ["d"]]);
  });

  it("connectors around compound commands point across them", () => {
    const { commands: cmds } = parseShell("a && (b; c) || d");
    expect(cmds.map((c) => [values(c)[0], c.prev, c.next])).toEqual([
      ["a", null, "&&"],
      ["b", null, ";"],
      ["c", ";", null],
      ["d", "||", null],
    ]);
  });

  it("command start and end span assignments, words and redirections", () => {
    const script = "  A=1 cmd arg >out ; next";
    const cmd = parseShell(script).commands[0];
    expect(cmd && at(script, cmd)).toBe("A=1 cmd arg >out");
  });
});

describe("redirections", () => {
  it("> >> < <> >| with their target words", () => {
    const cmd = only("cmd >a >>b <c <>d >|e");
    expect(cmd.words.map((w) => w.value)).toEqual(["cmd"]);
    expect(cmd.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      [">", "a"],
      [">>", "b"],
      ["<", "c"],
      ["<>", "d"],
      [">|", "e"],
    ]);
  });

  it("fd numbers: 2>/dev/null, 2>&1, 3<>file, 10>x", () => {
    const script = "cmd 2>/dev/null 2>&1 3<>file 10>x";
    const cmd = only(script);
    expect(cmd.redirects.map((r) => [r.op, r.target?.value, at(script, r)])).toEqual([
      ["2>", "/dev/null", "2>/dev/null"],
      ["2>&", "1", "2>&1"],
      ["3<>", "file", "3<>file"],
      ["10>", "x", "10>x"],
    ]);
  });

  it("&> &>> >& <& and >&2", () => {
    const cmd = only("cmd &>a &>>b >&2 <&0 >& c");
    expect(cmd.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ["&>", "a"],
      ["&>>", "b"],
      [">&", "2"],
      ["<&", "0"],
      [">&", "c"],
    ]);
  });

  it("<<< here-string takes a target word", () => {
    const cmd = only('grep x <<< "$var"');
    expect(cmd.redirects[0]).toMatchObject({ op: "<<<", heredoc: null, target: { value: "$var" } });
  });

  it("a redirection before the command name", () => {
    const cmd = only(">/dev/null 2>&1 command -v git");
    expect(values(cmd)).toEqual(["command", "-v", "git"]);
    expect(cmd.redirects).toHaveLength(2);
  });

  it("a number separated from > is an argument: echo 2 > f", () => {
    const cmd = only("echo 2 > f");
    expect(values(cmd)).toEqual(["echo", "2"]);
    expect(cmd.redirects[0]?.op).toBe(">");
  });

  it("a missing target records an error", () => {
    const result = parseShell("echo >");
    expect(result.commands).toHaveLength(1);
    expect(result.errors).toHaveLength(1);
  });

  it("redirections after compound commands are consumed", () => {
    const { commands: cmds, errors } = parseShell("{ a; b; } > log 2>&1; while read l; do c; done < list");
    expect(errors).toEqual([]);
    expect(cmds.map(values)).toEqual([["a"], ["b"], ["read", "l"], ["c"]]);
  });
});

describe("heredocs", () => {
  it("reads the body from the lines after the command line", () => {
    const script = "cat <<EOF > /etc/x.conf\nline 1\nline 2\nEOF\necho done";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([["cat"], ["echo", "done"]]);
    const [heredoc, out] = result.commands[0]?.redirects ?? [];
    expect(heredoc).toMatchObject({ op: "<<", target: null });
    expect(heredoc?.heredoc).toMatchObject({ delimiter: "EOF", quoted: false, stripTabs: false, body: "line 1\nline 2\n" });
    expect(heredoc?.heredoc && at(script, { start: heredoc.heredoc.bodyStart, end: heredoc.heredoc.bodyEnd })).toBe("line 1\nline 2\n");
    expect(heredoc && at(script, heredoc)).toBe("<<EOF");
    expect(out).toMatchObject({ op: ">", target: { value: "/etc/x.conf" } });
    expect(result.commands[1]?.prev).toBe(";");
  });

  it("several heredocs on one line are read in order", () => {
    const script = "cat <<A - <<'B'; wc <<C\na1\nA\nb1\nB\nc1\nC\nafter";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    const bodies = result.commands.flatMap((c) => c.redirects.map((r) => r.heredoc?.body));
    expect(bodies).toEqual(["a1\n", "b1\n", "c1\n"]);
    expect(result.commands.map(values)).toEqual([["cat", "-"], ["wc"], ["after"]]);
  });

  it("<<- strips leading tabs when looking for the delimiter", () => {
    const script = "if true; then\n\tcat <<-END\n\t\tindented\n\tEND\nfi";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    const heredoc = find(result, "cat").redirects[0]?.heredoc;
    expect(heredoc).toMatchObject({ stripTabs: true, delimiter: "END", body: "\t\tindented\n" });
  });

  it("a quoted delimiter <<'EOF', <<\"EOF\" or <<\\EOF marks the heredoc quoted", () => {
    for (const op of ["<<'EOF'", '<<"EOF"', "<<\\EOF", "<<E'O'F"]) {
      const heredoc = parseShell(`cat ${op}\n$x\nEOF`).commands[0]?.redirects[0]?.heredoc;
      expect(heredoc).toMatchObject({ delimiter: "EOF", quoted: true, body: "$x\n" });
    }
  });

  it("an unterminated heredoc takes the rest of the script and records an error", () => {
    const script = "cat <<EOF\nno end\nEOF2";
    const result = parseShell(script);
    expect(result.commands).toHaveLength(1);
    expect(result.commands[0]?.redirects[0]?.heredoc?.body).toBe("no end\nEOF2");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.offset).toBe(4);
  });

  it("a heredoc operator on the last line without a newline records an error", () => {
    const result = parseShell("cat <<EOF");
    expect(result.commands[0]?.redirects[0]?.heredoc?.body).toBe("");
    expect(result.errors).toHaveLength(1);
  });

  it("bash <<EOF parses the body as a script with context heredoc", () => {
    const script = "bash <<EOF\nset -e\napt-get update && apt-get install -y curl\nEOF\necho after";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c).join(" "), c.context, c.depth])).toEqual([
      ["bash", "top", 0],
      ["set -e", "heredoc", 1],
      ["apt-get update", "heredoc", 1],
      ["apt-get install -y curl", "heredoc", 1],
      ["echo after", "top", 0],
    ]);
    const install = result.commands[3];
    expect(install && at(script, install)).toBe("apt-get install -y curl");
  });

  it("sh -e <<'EOF' parses the body too; cat <<EOF and bash script.sh <<EOF do not", () => {
    expect(parseShell("sh -e <<'EOF'\nls\nEOF").commands.map((c) => c.context)).toEqual(["top", "heredoc"]);
    expect(parseShell("cat <<'EOF'\nls\nEOF").commands).toHaveLength(1);
    expect(parseShell("bash script.sh <<'EOF'\nls\nEOF").commands).toHaveLength(1);
    expect(parseShell("bash -s -- arg <<'EOF'\nls\nEOF").commands).toHaveLength(2);
  });

  it("$(…) in an unquoted heredoc body is parsed, in a quoted one it is not", () => {
    const script = "cat <<EOF\nhost $(hostname)\nEOF\ncat <<'EOF'\n$(whoami)\nEOF";
    const result = parseShell(script);
    expect(result.commands.map((c) => [values(c)[0], c.context])).toEqual([
      ["cat", "top"],
      ["hostname", "substitution"],
      ["cat", "top"],
    ]);
    const hostname = result.commands[1];
    expect(hostname && at(script, hostname)).toBe("hostname");
  });

  it("a heredoc inside $(…)", () => {
    const result = parseShell('x="$(cat <<EOF\nhello\nEOF\n)"; echo "$x"');
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([[], ["cat"], ["echo", "$x"]]);
    expect(result.commands[1]?.redirects[0]?.heredoc?.body).toBe("hello\n");
  });

  it("a CRLF delimiter line ends the heredoc", () => {
    const result = parseShell("cat <<EOF\r\nx\r\nEOF\r\necho y");
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([["cat"], ["echo", "y"]]);
  });
});

describe("compound commands", () => {
  it("( … ) subshell: context subshell, depth 1", () => {
    const result = parseShell("(cd /src && make) && echo ok");
    expect(result.commands.map((c) => [values(c)[0], c.context, c.depth])).toEqual([
      ["cd", "subshell", 1],
      ["make", "subshell", 1],
      ["echo", "top", 0],
    ]);
  });

  it("{ …; } group: context group, depth 1", () => {
    const result = parseShell("{ echo a; echo b; } > log");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [c.context, c.depth])).toEqual([
      ["group", 1],
      ["group", 1],
    ]);
  });

  it("{ echo } without ; keeps } as an argument and misses the closing brace", () => {
    const result = parseShell("{ echo }");
    expect(result.commands.map(values)).toEqual([["echo", "}"]]);
    expect(result.errors).toHaveLength(1);
  });

  it("function bodies: f() { …; }, function g { …; }, h() ( … )", () => {
    const result = parseShell("f() { apt-get update; }\nfunction g { ls; }\nh () ( cd x )\nf");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c).join(" "), c.context])).toEqual([
      ["apt-get update", "group"],
      ["ls", "group"],
      ["cd x", "subshell"],
      ["f", "top"],
    ]);
  });

  it("if/elif/else/fi: condition lists get condition true", () => {
    const result = parseShell('if [ -f a ] && grep -q x a; then echo 1; elif test -d b; then echo 2; else echo 3; fi');
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.condition])).toEqual([
      ["[", true],
      ["grep", true],
      ["echo", false],
      ["test", true],
      ["echo", false],
      ["echo", false],
    ]);
    expect(result.commands.every((c) => c.context === "top" && c.depth === 0)).toBe(true);
  });

  it("if over several lines with newlines instead of ;", () => {
    const result = parseShell("if\n  true\nthen\n  a\nfi");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.condition])).toEqual([
      ["true", true],
      ["a", false],
    ]);
  });

  it("while and until: conditions, then do … done bodies", () => {
    const result = parseShell("while ! curl -sf x; do sleep 1; done; until false; do break; done");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.condition])).toEqual([
      ["curl", true],
      ["sleep", false],
      ["false", true],
      ["break", false],
    ]);
  });

  it("for x in …; do …; done: the header is not a command; substitutions in it are", () => {
    const result = parseShell("for f in a $(ls /etc) b; do echo $f; done");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c).join(" "), c.context])).toEqual([
      ["ls /etc", "substitution"],
      ["echo $f", "top"],
    ]);
  });

  it("for without in, for over lines, and for ((…))", () => {
    expect(commands("for a; do x; done")).toEqual([["x"]]);
    expect(commands("for a in 1 2\ndo\n  x\ndone")).toEqual([["x"]]);
    expect(commands("for ((i=0; i<3; i++)); do y; done")).toEqual([["y"]]);
  });

  it("case … in pat) …;; esac: patterns are not commands", () => {
    const script = 'case "$(uname -m)" in\n  x86_64|amd64) arch=amd64 ;;\n  (aarch64) arch=arm64; echo arm ;;\n  *) echo "unknown"; exit 1 ;;\nesac';
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [c.assignments.map((a) => a.value).join(), values(c).join(" "), c.context])).toEqual([
      ["", "uname -m", "substitution"],
      ["arch=amd64", "", "top"],
      ["arch=arm64", "", "top"],
      ["", "echo arm", "top"],
      ["", "echo unknown", "top"],
      ["", "exit 1", "top"],
    ]);
  });

  it("case with ;& and ;;& and an empty item", () => {
    const result = parseShell("case x in a) one ;& b) two ;;& c) ;; esac");
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([["one"], ["two"]]);
  });

  it("reserved words only in command position: echo if then fi done", () => {
    expect(commands("echo if then fi done { }")).toEqual([["echo", "if", "then", "fi", "done", "{", "}"]]);
    expect(commands('"if" x')).toEqual([["if", "x"]]);
  });

  it("nested compounds add depth: ( { a; } )", () => {
    const result = parseShell("( { a; } )");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [c.context, c.depth])).toEqual([["group", 2]]);
  });

  it("[[ … ]] with && || < and an =~ regex stays one command", () => {
    const cmd = only("[[ -n $x && $x =~ ^(a|b)$ || $y < z ]]");
    expect(values(cmd)).toEqual(["[[", "-n", "$x", "&&", "$x", "=~", "^(a|b)$", "||", "$y", "<", "z", "]]"]);
    expect(cmd.redirects).toEqual([]);
  });

  it("(( arithmetic )) is not a command; $(( )) is arithmetic; $( (a) ) a substitution", () => {
    expect(commands("(( i++ )) && echo $i")).toEqual([["echo", "$i"]]);
    expect(commands("echo $(( (1 + 2) * 3 ))")).toEqual([["echo", "$(( (1 + 2) * 3 ))"]]);
    const result = parseShell("echo $( (cd a; ls) )");
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.context])).toEqual([
      ["echo", "top"],
      ["cd", "subshell"],
      ["ls", "subshell"],
    ]);
  });

  it("bash array assignments arr=(a b) are one word; substitutions inside are parsed", () => {
    const result = parseShell('pkgs=(curl "$(echo git)" \n wget) n=1; apt-get install "${pkgs[@]}"');
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [c.assignments.length, values(c).join(" ")])).toEqual([
      [2, ""],
      [0, "echo git"],
      [0, "apt-get install ${pkgs[@]}"],
    ]);
  });
});

describe("substitutions", () => {
  it('$(…) nested in double quotes: "$(dpkg --print-architecture)" with outer offsets', () => {
    const script = 'arch="$(dpkg --print-architecture | awk -F- \'{ print $NF }\')"; echo "$arch"';
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0] ?? "", c.context, c.depth, c.prev, c.next])).toEqual([
      ["", "top", 0, null, ";"],
      ["dpkg", "substitution", 1, null, "|"],
      ["awk", "substitution", 1, "|", null],
      ["echo", "top", 0, ";", null],
    ]);
    const awk = result.commands[2];
    expect(awk && at(script, awk)).toBe("awk -F- '{ print $NF }'");
    expect(awk && at(script, word(awk, 2))).toBe("'{ print $NF }'");
    expect(result.commands[0]?.assignments[0]?.dynamic).toBe(true);
  });

  it("$(…) inside a word: tar -C /opt/$(id -u)/x", () => {
    const script = "tar -C /opt/$(id -u)/x";
    const result = parseShell(script);
    expect(result.commands.map(values)).toEqual([["tar", "-C", "/opt/$(id -u)/x"], ["id", "-u"]]);
    const id = result.commands[1];
    expect(id && at(script, word(id, 1))).toBe("-u");
  });

  it("backticks are parsed, with offsets in the outer script", () => {
    const script = "echo `uname -m` done";
    const result = parseShell(script);
    expect(result.commands.map((c) => [values(c).join(" "), c.context])).toEqual([
      ["echo `uname -m` done", "top"],
      ["uname -m", "substitution"],
    ]);
    const uname = result.commands[1];
    expect(uname && at(script, word(uname, 1))).toBe("-m");
  });

  it("nested backticks with \\` and escaped words map to their source", () => {
    const script = 'echo "`dpkg \\`cat \\"f\\"\\``"';
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c).join(" "), c.depth])).toEqual([
      [script.slice(0, 4) + " `dpkg \\`cat \\\"f\\\"\\``", 0],
      ["dpkg `cat \"f\"`", 1],
      ["cat f", 2],
    ]);
    const cat = result.commands[2];
    expect(cat && at(script, word(cat, 0))).toBe("cat");
    expect(cat && at(script, word(cat, 1))).toBe('\\"f\\"');
  });

  it("nested $( $( ) ) adds depth", () => {
    const result = parseShell("a $(b $(c))");
    expect(result.commands.map((c) => [values(c)[0], c.depth])).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
  });

  it("a case inside $(…) does not close it at the pattern's )", () => {
    const result = parseShell("x=$(case $y in a) echo A;; esac) && z");
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([[], ["echo", "A"], ["z"]]);
  });

  it("process substitution <(…) and >(…)", () => {
    const result = parseShell("diff <(sort a) <(sort b) > >(tee log)");
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([["diff", "<(sort a)", "<(sort b)"], ["sort", "a"], ["sort", "b"], ["tee", "log"]]);
  });

  it("${x:-$(cmd)} and $(( $(nproc) + 1 ))", () => {
    expect(commands('echo "${V:-$(cat /v)}" -j$(( $(nproc) + 1 ))')).toEqual([
      ["echo", "${V:-$(cat /v)}", "-j$(( $(nproc) + 1 ))"],
      ["cat", "/v"],
      ["nproc"],
    ]);
  });

  it("commands in substitutions of a condition are not conditions", () => {
    const result = parseShell('if [ "$(id -u)" = 0 ]; then :; fi');
    expect(result.commands.map((c) => [values(c)[0], c.condition])).toEqual([
      ["[", true],
      ["id", false],
      [":", false],
    ]);
  });
});

describe("sh -c scripts", () => {
  it("sh -c '…' is parsed with context shell-c and offsets pointing at the right characters", () => {
    const script = "sh -c 'apt-get update && apt-get install -y curl'";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c).join(" "), c.context, c.depth, c.prev, c.next])).toEqual([
      ["sh -c apt-get update && apt-get install -y curl", "top", 0, null, null],
      ["apt-get update", "shell-c", 1, null, "&&"],
      ["apt-get install -y curl", "shell-c", 1, "&&", null],
    ]);
    const install = result.commands[2];
    expect(install && at(script, install)).toBe("apt-get install -y curl");
    expect(install && at(script, word(install, 3))).toBe("curl");
  });

  it('bash -c "…" with escaped quotes: offsets account for escapes', () => {
    const script = 'bash -c "echo \\"a b\\" \\$HOME && ls"';
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    const echo = find(result, "echo");
    expect(values(echo)).toEqual(["echo", "a b", "$HOME"]);
    expect(word(echo, 2).dynamic).toBe(true);
    expect(at(script, word(echo, 1))).toBe('\\"a b\\"');
    expect(at(script, word(echo, 2))).toBe("\\$HOME");
    expect(at(script, find(result, "ls"))).toBe("ls");
  });

  it("flags: -ex -c, -o pipefail -c, -lc, /bin/sh, ash, dash, zsh", () => {
    for (const prefix of ["sh -ex -c", "bash -o pipefail -c", "bash -lc", "/bin/sh -c", "/bin/bash -e -c", "ash -c", "dash -c", "zsh -c", "bash --login -c"]) {
      const result = parseShell(`${prefix} 'wget -q x'`);
      expect(result.commands.map((c) => c.context)).toEqual(["top", "shell-c"]);
    }
  });

  it("su app -c '…' is parsed like sh -c", () => {
    const script = "su app -c 'npm ci && npm run build'";
    const result = parseShell(script);
    expect(result.commands.map((c) => [values(c).join(" "), c.context])).toEqual([
      ["su app -c npm ci && npm run build", "top"],
      ["npm ci", "shell-c"],
      ["npm run build", "shell-c"],
    ]);
    expect(at(script, find(result, "npm"))).toBe("npm ci");
  });

  it("a dynamic script argument is not parsed", () => {
    expect(parseShell('sh -c "nvm install $NODE_VERSION"').commands).toHaveLength(1);
  });

  it("sudo, env and nohup wrappers are unwrapped: sudo -u app bash -c '…'", () => {
    for (const prefix of ["sudo -u app bash -c", "sudo -E -- sh -c", "env -i PATH=/bin sh -c", "nohup sh -c", "busybox sh -c"]) {
      expect(parseShell(`${prefix} 'id'`).commands.map((c) => c.context)).toEqual(["top", "shell-c"]);
    }
  });

  it("sh -c inside sh -c: offsets map through both levels", () => {
    const script = `sh -c "bash -c 'echo \\"hi there\\"'"`;
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.depth])).toEqual([
      ["sh", 0],
      ["bash", 1],
      ["echo", 2],
    ]);
    const echo = find(result, "echo");
    expect(at(script, word(echo, 1))).toBe('\\"hi there\\"');
    expect(word(echo, 1).value).toBe("hi there");
  });

  it("an ANSI-C script: bash -c $'a\\nb'", () => {
    const script = "bash -c $'apt-get update\\napt-get install x'";
    const result = parseShell(script);
    expect(result.commands.map(values)).toEqual([
      ["bash", "-c", "apt-get update\napt-get install x"],
      ["apt-get", "update"],
      ["apt-get", "install", "x"],
    ]);
    const install = result.commands[2];
    expect(install && at(script, install)).toBe("apt-get install x");
  });

  it("sh script.sh and sh -c without an argument are not parsed", () => {
    expect(parseShell("sh ./install.sh -y").commands).toHaveLength(1);
    expect(parseShell("sh -c").commands).toHaveLength(1);
    expect(parseShell("xargs sh -c 'echo'").commands).toHaveLength(1);
  });

  it("sh -c with an unquoted single-word script", () => {
    const script = "sh -c true";
    const result = parseShell(script);
    expect(result.commands.map((c) => [values(c).join(" "), c.context])).toEqual([
      ["sh -c true", "top"],
      ["true", "shell-c"],
    ]);
    const inner = result.commands[1];
    expect(inner && at(script, inner)).toBe("true");
  });

  it("errors inside sh -c scripts are reported at outer offsets", () => {
    const script = "sh -c 'echo \"x'";
    const result = parseShell(script);
    expect(result.errors).toHaveLength(1);
    expect(script.charAt(result.errors[0]?.offset ?? -1)).toBe('"');
  });
});

describe("assignments", () => {
  it("leading NAME=value words are assignments: DEBIAN_FRONTEND=noninteractive apt-get install -y x", () => {
    const cmd = only("DEBIAN_FRONTEND=noninteractive apt-get install -y x");
    expect(cmd.assignments.map((a) => a.value)).toEqual(["DEBIAN_FRONTEND=noninteractive"]);
    expect(values(cmd)).toEqual(["apt-get", "install", "-y", "x"]);
  });

  it("an assignment-only command A=1 B=2 is a command with no words", () => {
    const cmd = only("A=1 B=2");
    expect(cmd.words).toEqual([]);
    expect(cmd.assignments.map((a) => a.raw)).toEqual(["A=1", "B=2"]);
    expect([cmd.start, cmd.end]).toEqual([0, 7]);
  });

  it("NAME=value after the command name is an argument", () => {
    const cmd = only("make PREFIX=/usr install");
    expect(cmd.assignments).toEqual([]);
    expect(values(cmd)).toEqual(["make", "PREFIX=/usr", "install"]);
  });

  it('"A"=1, 1A=2 and -A=1 are words; A+=1 and _a1="x y" are assignments', () => {
    expect(only('"A"=1').assignments).toEqual([]);
    expect(only("1A=2").assignments).toEqual([]);
    expect(only("A+=1 _a1=\"x y\" cmd").assignments.map((a) => a.value)).toEqual(["A+=1", "_a1=x y"]);
  });
});

describe("garbage input never throws and records errors", () => {
  it("unbalanced quotes", () => {
    for (const script of ["echo 'abc", 'echo "abc', "echo $'abc", "echo `abc", "echo ${abc", "echo $(abc", 'echo "$(abc"']) {
      const result = parseShell(script);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.commands[0]?.words[0]?.value).toBe("echo");
      expectSaneRanges(script, result);
    }
  });

  it("a lone ) and a lone ;;", () => {
    expect(parseShell(")").errors).toHaveLength(1);
    const result = parseShell("a ;; b");
    expect(result.errors).toHaveLength(1);
    expect(result.commands.map(values)).toEqual([["a"], ["b"]]);
  });

  it("fi without if, done without do, esac without case, } without {", () => {
    for (const word of ["fi", "done", "esac", "}", "then", "else", "do"]) {
      const result = parseShell(`a; ${word}; b`);
      expect(result.errors).toHaveLength(1);
      expect(result.commands.map(values)).toEqual([["a"], ["b"]]);
    }
  });

  it("unclosed compound commands", () => {
    for (const script of ["if true; then a", "while x; do", "for x in a b", "case x in a)", "( a", "{ a;", "f() {", "a && ", "a |", "[[ -f x"]) {
      const result = parseShell(script);
      expect(result.errors.length).toBeGreaterThan(0);
      expectSaneRanges(script, result);
    }
  });

  it("deep nesting is cut off without a stack overflow", () => {
    for (const unit of ["(", "$(", "${", "{ ", "if ", '"$(', "a=(", "((", "$((", "`", "sh -c '"]) {
      const script = unit.repeat(20_000);
      const result = parseShell(script);
      // 10,000 pairs of backquotes or of `sh -c '` are valid, only long.
      if (unit !== "`" && unit !== "sh -c '") expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors.every((e) => !e.message.startsWith("internal"))).toBe(true);
      expectSaneRanges(script, result);
    }
  });

  it("pseudo-random garbage", () => {
    const alphabet = "()$`'\"\\{}[]|&;<>\n #=ab0-\tifthenfidocaseesac<<EOF";
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 300; n++) {
      let script = "";
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) script += alphabet.charAt(Math.floor(random() * alphabet.length));
      const result = parseShell(script);
      expect(result.errors.every((e) => !e.message.startsWith("internal"))).toBe(true);
      expectSaneRanges(script, result);
    }
  });
});

describe("performance", () => {
  it("a 200,000-character line is parsed in linear time", () => {
    const script = "apt-get install -y" + " pkg".repeat(50_000);
    expect(script.length).toBeGreaterThanOrEqual(200_000);
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands).toHaveLength(1);
    expect(result.commands[0]?.words).toHaveLength(50_003);
  });

  it("100,000 commands joined by && and 100,000 quoted words", () => {
    expect(parseShell("a&&".repeat(100_000) + "b").commands).toHaveLength(100_001);
    expect(parseShell(`echo${' "x"'.repeat(100_000)}`).commands[0]?.words).toHaveLength(100_001);
  });
});

describe("realistic RUN bodies", () => {
  it("apt-get update && install with continuations already joined", () => {
    const script =
      "apt-get update     && apt-get install -y --no-install-recommends         ca-certificates         curl=7.88.1-10     && rm -rf /var/lib/apt/lists/*";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "--no-install-recommends", "ca-certificates", "curl=7.88.1-10"],
      ["rm", "-rf", "/var/lib/apt/lists/*"],
    ]);
    expect(result.commands.map((c) => c.next)).toEqual(["&&", "&&", null]);
  });

  it("docker-library style set -eux script with curl | tar and gpg --verify", () => {
    const script = [
      "set -eux;",
      '\tdpkgArch="$(dpkg --print-architecture)";',
      '\tcase "$dpkgArch" in',
      "\t\tamd64) arch='x86_64' ;;",
      "\t\tarm64) arch='aarch64' ;;",
      '\t\t*) echo >&2 "unsupported architecture: $dpkgArch"; exit 1 ;;',
      "\tesac;",
      '\turl="https://example.com/tool-${VERSION}-${arch}.tar.gz";',
      '\tcurl -fsSL "$url" | tar -xz -C /usr/local;',
      '\tcurl -fsSL -o tool.asc "$url.asc";',
      '\texport GNUPGHOME="$(mktemp -d)";',
      '\tgpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY";',
      "\tgpg --batch --verify tool.asc /usr/local/bin/tool;",
      '\tgpgconf --kill all; rm -rf "$GNUPGHOME" tool.asc;',
      "\ttool --version",
    ].join(" ");
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    const names = result.commands.map((c) => values(c)[0] ?? c.assignments[0]?.value.split("=")[0]);
    expect(names).toEqual([
      "set", "dpkgArch", "dpkg", "arch", "arch", "echo", "exit", "url", "curl", "tar", "curl", "export", "mktemp", "gpg", "gpg", "gpgconf", "rm", "tool",
    ]);
    const curl = find(result, "curl");
    expect(curl.next).toBe("|");
    expect(at(script, word(curl, 2))).toBe('"$url"');
    expect(word(curl, 2)).toMatchObject({ value: "$url", dynamic: true });
    const tar = find(result, "tar");
    expect([tar.prev, tar.next]).toEqual(["|", ";"]);
    expect(values(tar)).toEqual(["tar", "-xz", "-C", "/usr/local"]);
  });

  it("pip install --no-cache-dir -r requirements.txt", () => {
    const cmd = only("pip install --no-cache-dir -r requirements.txt");
    expect(values(cmd)).toEqual(["pip", "install", "--no-cache-dir", "-r", "requirements.txt"]);
  });

  it("for f in a b; do … done", () => {
    const script = "for f in a b; do     curl -fsSLO https://x/$f &&     sha256sum -c $f.sha256;   done";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map((c) => [values(c)[0], c.prev, c.next])).toEqual([
      ["curl", null, "&&"],
      ["sha256sum", "&&", null],
    ]);
  });

  it("a RUN with comments kept and continuations not joined", () => {
    const script = "set -ex \\\n    && apk add --no-cache \\\n        git \\\n        make \\\n    && make";
    const result = parseShell(script);
    expect(result.errors).toEqual([]);
    expect(result.commands.map(values)).toEqual([["set", "-ex"], ["apk", "add", "--no-cache", "git", "make"], ["make"]]);
    const apk = result.commands[1];
    expect(apk && at(script, word(apk, 4))).toBe("make");
  });
});
