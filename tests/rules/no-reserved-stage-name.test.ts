import rule from "../../rules/no-reserved-stage-name.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-reserved-stage-name", rule, {
  valid: [
    { name: "scratch as a base image without a name", code: lines("FROM scratch", "FROM scratch AS a") },
    { name: "ordinary name", code: "FROM foo:bar AS foobar" },
    { name: "names of Object.prototype's properties are not reserved", code: lines("FROM alpine:3.20 AS constructor", "FROM alpine:3.20 AS __proto__", "FROM alpine:3.20 AS tostring") },
    { name: "names that contain a reserved word", code: lines("FROM alpine:3.20 AS scratch-base", "FROM alpine:3.20 AS build-context") },
    { name: "a COPY --from=context is not a stage name", code: lines("FROM alpine:3.20", "COPY --from=context /a /a") },
    { name: "lowercase keywords with an ordinary name", code: "from alpine:3.20 as builder" },
    {
      name: "real world: a chiseled runtime image builds a root fs in a named stage and copies it onto scratch",
      code: lines(
        "FROM amd64/buildpack-deps:noble-curl AS chisel",
        "RUN mkdir /rootfs && chisel cut --root /rootfs base-files_base",
        "FROM scratch",
        "COPY --from=chisel /rootfs /",
      ),
    },
  ],
  invalid: [
    {
      name: "both reserved names (BuildKit's case)",
      code: lines("FROM scratch AS scratch", "FROM scratch AS context"),
      errors: [
        { messageId: "scratch", line: 1, column: 17, endColumn: 24, data: { name: "scratch" } },
        { messageId: "context", line: 2, column: 17, endColumn: 24, data: { name: "context" } },
      ],
    },
    { name: "hadolint's case: stage name scratch", code: "FROM foo:bar AS scratch", errors: [{ messageId: "scratch" }] },
    { name: "hadolint's case: stage name context", code: "FROM foo:bar AS context", errors: [{ messageId: "context" }] },
    {
      name: "reserved names ignore case",
      code: lines("FROM alpine:3.20 AS Scratch", "from alpine:3.20 as CONTEXT"),
      errors: [
        { messageId: "scratch", line: 1, data: { name: "Scratch" } },
        { messageId: "context", line: 2, data: { name: "CONTEXT" } },
      ],
    },
    {
      name: "a later FROM scratch would build on the stage",
      code: lines("FROM busybox:1.36 AS scratch", "RUN touch /marker", "FROM scratch", "COPY --from=scratch /marker /"),
      errors: [{ messageId: "scratch", line: 1, column: 22, endColumn: 29 }],
    },
    {
      name: "stage name on a continuation line, backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 `\r\n  AS context\r\n",
      errors: [{ messageId: "context", line: 3, column: 6, endColumn: 13 }],
    },
  ],
});
