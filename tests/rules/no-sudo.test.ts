import rule from "../../rules/no-sudo.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-sudo", rule, {
  valid: [
    { name: "installing the sudo package is fine", code: lines("FROM debian:12", "RUN apt-get install -y sudo") },
    { name: "configuring sudoers is fine", code: lines("FROM debian:12", "RUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app") },
    { name: "command -v sudo looks it up without running it", code: lines("FROM debian:12", "RUN if command -v sudo; then echo has sudo; fi") },
    { name: "a word named sudo in an argument", code: lines("FROM debian:12", "RUN usermod -aG sudo app") },
    { name: "ONBUILD without sudo", code: lines("FROM debian:12", "ONBUILD RUN apt-get update") },
    { name: "PowerShell stage", code: lines("# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", "RUN sudo thing") },
  ],
  invalid: [
    {
      name: "sudo before a command",
      code: lines("FROM debian:12", "RUN sudo apt-get update"),
      errors: [{ messageId: "noSudo", line: 2, column: 5, endColumn: 9 }],
    },
    {
      name: "sudo in a chained command",
      code: lines("FROM debian:12", "RUN apt-get update && sudo apt-get install -y curl"),
      errors: [{ messageId: "noSudo", line: 2, column: 23, endColumn: 27 }],
    },
    {
      name: "ONBUILD RUN with sudo",
      code: lines("FROM debian:12", "ONBUILD RUN sudo apt-get update"),
      errors: [{ messageId: "noSudo", line: 2, column: 13, endColumn: 17 }],
    },
    {
      name: "sudo with options, env and an absolute path, on a continuation line",
      code: lines("FROM ubuntu:24.04", "USER app", "RUN mkdir -p /opt/app \\", "    && /usr/bin/sudo -E -u root chown app /opt/app"),
      errors: [{ messageId: "noSudo", line: 4, column: 8, endColumn: 21 }],
    },
    {
      name: "sudo inside sh -c and a heredoc",
      code: lines("FROM debian:12", "RUN sh -c 'sudo ls'", "RUN <<EOF", "sudo make install", "EOF"),
      errors: [{ messageId: "noSudo", line: 2 }, { messageId: "noSudo", line: 4, column: 1, endColumn: 5 }],
    },
    {
      name: "exec form",
      code: lines("FROM debian:12", 'RUN ["sudo", "make", "install"]'),
      errors: [{ messageId: "noSudo", line: 2, column: 6, endColumn: 12 }],
    },
    {
      name: "lowercase instruction, backtick escape and CRLF",
      code: "# escape=`\r\nFROM debian:12\r\nrun apt-get update && `\r\n    sudo make install\r\n",
      errors: [{ messageId: "noSudo", line: 4, column: 5, endColumn: 9 }],
    },
    {
      name: "real world: devcontainer image that installs as a non-root user",
      code: lines("FROM mcr.microsoft.com/devcontainers/base:bookworm", "USER vscode", "RUN sudo apt-get update \\", "    && sudo apt-get install -y --no-install-recommends jq"),
      errors: [{ messageId: "noSudo", line: 3 }, { messageId: "noSudo", line: 4 }],
    },
  ],
});
