import rule from "../../rules/from-as-casing.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("from-as-casing", rule, {
  valid: [
    { name: "both upper case (BuildKit's docs case)", code: "FROM debian:latest AS deb-builder" },
    { name: "both lower case (BuildKit's docs case)", code: "from debian:latest as deb-builder" },
    { name: "lower-case from and as (BuildKit's case)", code: "from scratch as base2" },
    { name: "no stage name", code: "FROM alpine:3.20" },
    { name: "mixed-case FROM is left to consistent-instruction-casing", code: "From alpine:3.20 as base" },
    { name: "FROM with a platform flag", code: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build" },
    { name: "upper-case AS on its own line after a continuation", code: lines("FROM golang:1.22 \\", "  AS build") },
  ],
  invalid: [
    {
      name: "upper-case FROM with lower-case as (BuildKit's case)",
      code: lines("FROM scratch AS base3", "FROM scratch as base2"),
      output: lines("FROM scratch AS base3", "FROM scratch AS base2"),
      errors: [{ messageId: "mismatch", line: 2, column: 14, endColumn: 16, data: { as: "as", from: "FROM", expected: "AS" } }],
    },
    {
      name: "lower-case from with upper-case AS (BuildKit's case)",
      code: lines("from scratch AS base", "", "from scratch as base2"),
      output: lines("from scratch as base", "", "from scratch as base2"),
      errors: [{ messageId: "mismatch", line: 1, column: 14, endColumn: 16, data: { as: "AS", from: "from", expected: "as" } }],
    },
    {
      name: "mixed-case As after upper-case FROM",
      code: "FROM node:20 As build",
      output: "FROM node:20 AS build",
      errors: [{ messageId: "mismatch", data: { as: "As", from: "FROM", expected: "AS" } }],
    },
    {
      name: "mixed-case aS after lower-case from",
      code: "from node:20 aS build",
      output: "from node:20 as build",
      errors: [{ messageId: "mismatch" }],
    },
    {
      name: "as on a continuation line, backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  as base\r\n",
      output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS base\r\n",
      errors: [{ messageId: "mismatch", line: 3, column: 3, endColumn: 5 }],
    },
    {
      name: "platform flag and ARG-built image",
      code: lines("ARG GO=1.22", "FROM --platform=$BUILDPLATFORM golang:${GO}-alpine as build"),
      output: lines("ARG GO=1.22", "FROM --platform=$BUILDPLATFORM golang:${GO}-alpine AS build"),
      errors: [{ messageId: "mismatch", line: 2, column: 52, endColumn: 54 }],
    },
    {
      name: "real world: a dashboard image cross-builds its stages with --platform and lower-case as",
      code: lines(
        "FROM --platform=$BUILDPLATFORM alpine:3.20 as pre-build",
        "RUN apk add git && git clone https://github.com/apache/apisix-dashboard.git /src",
        "FROM --platform=$BUILDPLATFORM golang:1.19 as api-builder",
        "COPY --from=pre-build /src /src",
        "FROM alpine:3.20 as prod",
      ),
      output: lines(
        "FROM --platform=$BUILDPLATFORM alpine:3.20 AS pre-build",
        "RUN apk add git && git clone https://github.com/apache/apisix-dashboard.git /src",
        "FROM --platform=$BUILDPLATFORM golang:1.19 AS api-builder",
        "COPY --from=pre-build /src /src",
        "FROM alpine:3.20 AS prod",
      ),
      errors: [{ messageId: "mismatch", line: 1, column: 44, endColumn: 46 }, { messageId: "mismatch", line: 3 }, { messageId: "mismatch", line: 5 }],
    },
  ],
});
