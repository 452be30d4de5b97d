import rule from "../../rules/no-duplicate-stage-name.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-duplicate-stage-name", rule, {
  valid: [
    { name: "unique names", code: lines("FROM scratch AS b1", "FROM scratch AS b2") },
    { name: "unnamed stages", code: lines("FROM alpine:3.20", "FROM alpine:3.20") },
    { name: "a stage based on an earlier stage by name", code: lines("FROM golang:1.22 AS build", "FROM build AS test") },
    { name: "names that only share a prefix", code: lines("FROM node:20 AS deps", "FROM node:20 AS deps-dev") },
    { name: "a stage named like an image", code: lines("FROM node:20 AS node", "FROM alpine:3.20 AS alpine") },
    { name: "COPY --from the same name twice is fine", code: lines("FROM golang:1.22 AS build", "FROM alpine:3.20", "COPY --from=build /a /a", "COPY --from=build /b /b") },
    { name: "lowercase keywords", code: lines("from debian:12 as deb-builder", "from golang:1.22 as go-builder") },
  ],
  invalid: [
    {
      name: "same name twice (BuildKit's own case)",
      code: lines("FROM scratch AS b", "FROM scratch AS b"),
      errors: [{ messageId: "duplicate", line: 2, column: 17, endColumn: 18, data: { name: "b", line: "1", lower: "b" } }],
    },
    {
      name: "hadolint's case: duplicate alias with instructions between",
      code: lines("FROM node:20 as foo", "RUN something", "FROM scratch as foo", "RUN something"),
      errors: [{ messageId: "duplicate", line: 3, column: 17, endColumn: 20 }],
    },
    {
      name: "names differ only in case",
      code: lines("FROM debian:12 AS Builder", "FROM golang:1.22 AS builder"),
      errors: [{ messageId: "duplicate", line: 2, data: { name: "builder", line: "1", lower: "builder" } }],
    },
    {
      name: "three stages of one name report the second and the third",
      code: lines("FROM a:1 AS x", "FROM b:1 AS x", "FROM c:1 AS X"),
      errors: [
        { messageId: "duplicate", line: 2 },
        { messageId: "duplicate", line: 3, data: { name: "X", line: "1", lower: "x" } },
      ],
    },
    {
      name: "FROM split over lines with the backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\r\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 `\r\n  AS base\r\n",
      errors: [{ messageId: "duplicate", line: 4, column: 6, endColumn: 10 }],
    },
    {
      name: "real world: a runtime stage renamed by a later stage of the same name, so the runtime is dropped",
      code: lines(
        "FROM public.ecr.aws/lambda/provided:al2 AS tools",
        "FROM tools AS ruby_runtime",
        'ENV GEM_HOME="/var/task/ruby/gems"',
        "FROM ruby_runtime AS al_v1",
        "",
        "FROM tools AS al_v1",
        "COPY legal/bill_of_material.txt /usr/share/doc/bill_of_material.txt",
      ),
      errors: [{ messageId: "duplicate", line: 6, column: 15, endColumn: 20, data: { name: "al_v1", line: "4", lower: "al_v1" } }],
    },
  ],
});
