import rule from "../../rules/prefer-apt-get.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("prefer-apt-get", rule, {
  valid: [
    { name: "apt-get", code: lines("FROM ubuntu:24.04", "RUN apt-get update && apt-get install -y python3") },
    { name: "apt-cache", code: lines("FROM ubuntu:24.04", "RUN apt-cache policy python3") },
    { name: "a package named apt", code: lines("FROM ubuntu:24.04", "RUN apt-get install -y apt") },
    { name: "apt-key and apt-mark are other tools", code: lines("FROM ubuntu:24.04", "RUN apt-mark hold tzdata && apt-key list") },
    { name: "ONBUILD apt-get", code: lines("FROM ubuntu:24.04", "ONBUILD RUN apt-get install -y python3") },
  ],
  invalid: [
    {
      name: "apt install",
      code: lines("FROM ubuntu", "RUN apt install python"),
      output: lines("FROM ubuntu", "RUN apt-get install python"),
      errors: [{ messageId: "preferAptGet", data: { subcommand: "install" }, line: 2, column: 5, endColumn: 8 }],
    },
    {
      name: "ONBUILD apt install",
      code: lines("FROM ubuntu", "ONBUILD RUN apt install python"),
      output: lines("FROM ubuntu", "ONBUILD RUN apt-get install python"),
      errors: [{ messageId: "preferAptGet", line: 2, column: 13, endColumn: 16 }],
    },
    {
      name: "update, upgrade and autoremove with options first",
      code: lines("FROM ubuntu:24.04", "RUN apt -qq update && apt -y upgrade && apt -o Dpkg::Use-Pty=0 autoremove -y"),
      output: lines("FROM ubuntu:24.04", "RUN apt-get -qq update && apt-get -y upgrade && apt-get -o Dpkg::Use-Pty=0 autoremove -y"),
      errors: [{ messageId: "preferAptGet", column: 5 }, { messageId: "preferAptGet", column: 23 }, { messageId: "preferAptGet", column: 41 }],
    },
    {
      name: "absolute path and sudo",
      code: lines("FROM ubuntu:24.04", "RUN sudo /usr/bin/apt purge -y vim"),
      output: lines("FROM ubuntu:24.04", "RUN sudo /usr/bin/apt-get purge -y vim"),
      errors: [{ messageId: "preferAptGet", column: 10, endColumn: 22 }],
    },
    {
      name: "apt search and show: apt-cache, no fix",
      code: lines("FROM ubuntu:24.04", "RUN apt search python3 && apt show curl"),
      output: null,
      errors: [
        { messageId: "preferAptCache", data: { subcommand: "search", hint: "use 'apt-cache search'" } },
        { messageId: "preferAptCache", data: { subcommand: "show", hint: "use 'apt-cache show'" } },
      ],
    },
    {
      name: "apt list and full-upgrade: no fix",
      code: lines("FROM ubuntu:24.04", "RUN apt list --installed && apt full-upgrade -y"),
      output: null,
      errors: [{ messageId: "preferAptCache" }, { messageId: "preferAptCache", data: { subcommand: "full-upgrade", hint: "use 'apt-get dist-upgrade', its apt-get name" } }],
    },
    {
      name: "exec form keeps the JSON quotes",
      code: lines("FROM ubuntu:24.04", 'RUN ["apt", "install", "-y", "git"]'),
      output: lines("FROM ubuntu:24.04", 'RUN ["apt-get", "install", "-y", "git"]'),
      errors: [{ messageId: "preferAptGet", column: 6, endColumn: 11 }],
    },
    {
      name: "heredoc, lowercase, backtick escape and CRLF",
      code: "# escape=`\r\nFROM ubuntu:24.04\r\nrun <<EOF\r\napt update\r\napt install -y git\r\nEOF\r\n",
      output: "# escape=`\r\nFROM ubuntu:24.04\r\nrun <<EOF\r\napt-get update\r\napt-get install -y git\r\nEOF\r\n",
      errors: [{ messageId: "preferAptGet", line: 4 }, { messageId: "preferAptGet", line: 5 }],
    },
    {
      name: "real world: apisix-style install on continuation lines",
      code: lines("FROM debian:bookworm-slim", "RUN set -ex \\", "    && apt update \\", "    && apt install -y curl wget gnupg"),
      output: lines("FROM debian:bookworm-slim", "RUN set -ex \\", "    && apt-get update \\", "    && apt-get install -y curl wget gnupg"),
      errors: [{ messageId: "preferAptGet", line: 3, column: 8 }, { messageId: "preferAptGet", line: 4, column: 8 }],
    },
  ],
});
