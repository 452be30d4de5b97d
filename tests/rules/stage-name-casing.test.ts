import rule from "../../rules/stage-name-casing.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("stage-name-casing", rule, {
  valid: [
    { name: "lower-case name (BuildKit's case)", code: "FROM scratch AS base3" },
    { name: "BuildKit's docs case: lower case with a dash", code: "FROM alpine:3.20 AS builder-base" },
    { name: "digits, dots and underscores", code: "FROM alpine:3.20 AS build_1.2" },
    { name: "no stage name", code: "FROM alpine:3.20" },
    { name: "upper-case keywords do not matter", code: "FROM alpine:3.20 AS builder" },
    { name: "an upper-case image name is not a stage name", code: lines("FROM alpine:3.20 AS base", "COPY --from=Base /a /a") },
  ],
  invalid: [
    {
      name: "mixed-case name (BuildKit's case)",
      code: lines("FROM scratch AS BadStageName", "FROM scratch AS base3"),
      errors: [
        {
          messageId: "notLowercase",
          line: 1,
          column: 17,
          endColumn: 29,
          data: { name: "BadStageName" },
          suggestions: [{ messageId: "rename", data: { lower: "badstagename", where: "" }, output: lines("FROM scratch AS badstagename", "FROM scratch AS base3") }],
        },
      ],
    },
    {
      name: "BuildKit's docs case: PascalCase",
      code: "FROM alpine:3.20 AS BuilderBase",
      errors: [{ messageId: "notLowercase", suggestions: [{ messageId: "rename", output: "FROM alpine:3.20 AS builderbase" }] }],
    },
    {
      name: "all upper-case name",
      code: "from alpine:3.20 as BUILD",
      errors: [{ messageId: "notLowercase", suggestions: [{ messageId: "rename", output: "from alpine:3.20 as build" }] }],
    },
    {
      name: "rename reaches FROM, COPY --from, ADD --from and RUN --mount from=",
      code: lines(
        "FROM golang:1.22 AS Build",
        "RUN go build -o /out/app .",
        "FROM Build AS Test",
        "RUN go test ./...",
        "FROM alpine:3.20",
        "COPY --from=Build /out/app /app",
        "ADD --from=BUILD /out/app.sig /app.sig",
        "RUN --mount=type=bind,from=build,source=/out,target=/mnt ls /mnt",
      ),
      errors: [
        {
          messageId: "notLowercase",
          line: 1,
          column: 21,
          endColumn: 26,
          suggestions: [
            {
              messageId: "rename",
              data: { lower: "build", where: " and its 3 references" },
              output: lines(
                "FROM golang:1.22 AS build",
                "RUN go build -o /out/app .",
                "FROM build AS Test",
                "RUN go test ./...",
                "FROM alpine:3.20",
                "COPY --from=build /out/app /app",
                "ADD --from=build /out/app.sig /app.sig",
                "RUN --mount=type=bind,from=build,source=/out,target=/mnt ls /mnt",
              ),
            },
          ],
        },
        {
          messageId: "notLowercase",
          line: 3,
          suggestions: [
            {
              messageId: "rename",
              data: { lower: "test", where: "" },
              output: lines(
                "FROM golang:1.22 AS Build",
                "RUN go build -o /out/app .",
                "FROM Build AS test",
                "RUN go test ./...",
                "FROM alpine:3.20",
                "COPY --from=Build /out/app /app",
                "ADD --from=BUILD /out/app.sig /app.sig",
                "RUN --mount=type=bind,from=build,source=/out,target=/mnt ls /mnt",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "references by index, through a variable or in ONBUILD are left alone",
      code: lines(
        "ARG SRC=Build",
        "FROM node:20 AS Build",
        "FROM alpine:3.20",
        "COPY --from=0 /a /a",
        "COPY --from=$SRC /b /b",
        "ONBUILD COPY --from=Build /c /c",
      ),
      errors: [
        {
          messageId: "notLowercase",
          line: 2,
          suggestions: [
            {
              messageId: "rename",
              data: { lower: "build", where: "" },
              output: lines(
                "ARG SRC=Build",
                "FROM node:20 AS build",
                "FROM alpine:3.20",
                "COPY --from=0 /a /a",
                "COPY --from=$SRC /b /b",
                "ONBUILD COPY --from=Build /c /c",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "a reference before the stage names something else and stays",
      code: lines("FROM alpine:3.20 AS first", "COPY --from=Tools /x /x", "FROM busybox:1.36 AS Tools"),
      errors: [{ messageId: "notLowercase", line: 3, suggestions: [{ messageId: "rename", output: lines("FROM alpine:3.20 AS first", "COPY --from=Tools /x /x", "FROM busybox:1.36 AS tools") }] }],
    },
    {
      name: "no suggestion when two stages share the name",
      code: lines("FROM alpine:3.20 AS Base", "FROM alpine:3.20 AS base", "FROM base"),
      errors: [{ messageId: "notLowercase", line: 1, suggestions: [] }],
    },
    {
      name: "name on a continuation line, backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS Base\r\nFROM Base\r\n",
      errors: [
        {
          messageId: "notLowercase",
          line: 3,
          column: 6,
          endColumn: 10,
          suggestions: [{ messageId: "rename", data: { lower: "base", where: " and its reference" }, output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS base\r\nFROM base\r\n" }],
        },
      ],
    },
    {
      name: "real world: a dev image builds a tool in an upper-case stage and copies it with COPY --from",
      code: lines(
        "FROM golang:1.23-alpine3.21 AS AIR",
        "RUN go install github.com/air-verse/air@v1.61.1",
        "FROM golang:1.23-alpine3.21",
        "COPY --from=AIR $GOPATH/bin/air $GOPATH/bin/air",
      ),
      errors: [
        {
          messageId: "notLowercase",
          line: 1,
          column: 32,
          endColumn: 35,
          suggestions: [
            {
              messageId: "rename",
              data: { lower: "air", where: " and its reference" },
              output: lines(
                "FROM golang:1.23-alpine3.21 AS air",
                "RUN go install github.com/air-verse/air@v1.61.1",
                "FROM golang:1.23-alpine3.21",
                "COPY --from=air $GOPATH/bin/air $GOPATH/bin/air",
              ),
            },
          ],
        },
      ],
    },
  ],
});
