import rule from "../../rules/useradd-no-log-init.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("useradd-no-log-init", rule, {
  valid: [
    { name: "useradd alone", code: lines("FROM debian:12", "RUN useradd luser") },
    { name: "short uid", code: lines("FROM debian:12", "RUN useradd -u 12345 luser") },
    { name: "long uid and -l", code: lines("FROM debian:12", "RUN useradd -l -u 123456 luser") },
    { name: "just -l", code: lines("FROM debian:12", "RUN useradd -l luser") },
    { name: "--no-log-init after the uid", code: lines("FROM debian:12", "RUN useradd --uid=1000000 --no-log-init app") },
    { name: "-l in a cluster", code: lines("FROM debian:12", "RUN useradd -lmu 200000 app") },
    { name: "uid from an ARG with a small value", code: lines("FROM debian:12", "ARG UID=1000", "RUN useradd -u ${UID} app") },
    { name: "uid from an unknown variable", code: lines("FROM debian:12", "ARG UID", "RUN useradd -u $UID app") },
    { name: "a comment that mentions -u is not the uid", code: lines("FROM debian:12", "RUN useradd -c '-u 999999' app") },
    { name: "ONBUILD with -l", code: lines("FROM debian:12", "ONBUILD RUN useradd -l -u 123456 luser") },
  ],
  invalid: [
    {
      name: "long uid without -l",
      code: lines("FROM debian:12", "RUN useradd -u 123456 luser"),
      output: lines("FROM debian:12", "RUN useradd -l -u 123456 luser"),
      errors: [{ messageId: "missingNoLogInit", data: { uid: "123456" }, line: 2, column: 5, endColumn: 12 }],
    },
    {
      name: "ONBUILD RUN",
      code: lines("FROM debian:12", "ONBUILD RUN useradd -u 123456 luser"),
      output: lines("FROM debian:12", "ONBUILD RUN useradd -l -u 123456 luser"),
      errors: [{ messageId: "missingNoLogInit", line: 2, column: 13, endColumn: 20 }],
    },
    {
      name: "uid from an ARG default, --uid= form, after groupadd",
      code: lines("FROM debian:12", "ARG APP_UID=1000001", "RUN groupadd -g 1000 app && useradd --uid=${APP_UID} -g app app"),
      output: lines("FROM debian:12", "ARG APP_UID=1000001", "RUN groupadd -g 1000 app && useradd -l --uid=${APP_UID} -g app app"),
      errors: [{ messageId: "missingNoLogInit", data: { uid: "1000001" }, line: 3, column: 29 }],
    },
    {
      name: "exec form",
      code: lines("FROM debian:12", 'RUN ["useradd", "-u", "999999", "app"]'),
      output: lines("FROM debian:12", 'RUN ["useradd", "-l", "-u", "999999", "app"]'),
      errors: [{ messageId: "missingNoLogInit" }],
    },
    {
      name: "continuation lines, backtick escape, CRLF, lowercase",
      code: "# escape=`\r\nFROM debian:12\r\nrun groupadd -g 654321 app && `\r\n    useradd -m -u 654321 -g app app\r\n",
      output: "# escape=`\r\nFROM debian:12\r\nrun groupadd -g 654321 app && `\r\n    useradd -l -m -u 654321 -g app app\r\n",
      errors: [{ messageId: "missingNoLogInit", line: 4, column: 5, endColumn: 12 }],
    },
    {
      name: "real world: a CI image that matches the host's large UID",
      code: lines("FROM ubuntu:22.04", "ENV BUILD_UID=1000100", "RUN useradd -m -s /bin/bash -u \"$BUILD_UID\" builder"),
      output: lines("FROM ubuntu:22.04", "ENV BUILD_UID=1000100", "RUN useradd -l -m -s /bin/bash -u \"$BUILD_UID\" builder"),
      errors: [{ messageId: "missingNoLogInit", data: { uid: "1000100" } }],
    },
  ],
});
