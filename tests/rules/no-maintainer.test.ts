import rule from "../../rules/no-maintainer.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-maintainer", rule, {
  valid: [
    { name: "hadolint's case: no maintainer", code: "FROM debian:12" },
    { name: "BuildKit's case: the OCI label", code: lines("FROM scratch", 'LABEL org.opencontainers.image.authors="me@example.org"') },
    { name: "a maintainer label", code: lines("FROM alpine:3.20", 'LABEL maintainer="me@example.org"') },
    { name: "the word in a RUN", code: lines("FROM alpine:3.20", "RUN echo MAINTAINER") },
  ],
  invalid: [
    {
      name: "BuildKit's case: e-mail address",
      code: lines("FROM scratch", "MAINTAINER me@example.org"),
      output: lines("FROM scratch", 'LABEL org.opencontainers.image.authors="me@example.org"'),
      errors: [{ messageId: "deprecated", line: 2, column: 1, endColumn: 11, data: { authors: "org.opencontainers.image.authors", already: "" } }],
    },
    {
      name: "hadolint's case: name only",
      code: lines("FROM debian:12", "MAINTAINER Lukas"),
      output: lines("FROM debian:12", 'LABEL org.opencontainers.image.authors="Lukas"'),
      errors: [{ messageId: "deprecated" }],
    },
    {
      name: "hadolint's case: before FROM",
      code: lines("MAINTAINER Lukas", "FROM debian:12"),
      output: lines('LABEL org.opencontainers.image.authors="Lukas"', "FROM debian:12"),
      errors: [{ messageId: "deprecated", line: 1 }],
    },
    {
      name: "name and address with spaces and angle brackets",
      code: lines("FROM node:20", "MAINTAINER Jane Doe <jane@example.com>"),
      output: lines("FROM node:20", 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"'),
      errors: [{ messageId: "deprecated" }],
    },
    {
      name: "surrounding quotes are dropped, inner quotes and $ are escaped",
      code: lines("FROM node:20", 'MAINTAINER "Jane \\"JD\\" Doe $5"'),
      output: lines("FROM node:20", 'LABEL org.opencontainers.image.authors="Jane \\\\\\"JD\\\\\\" Doe \\$5"'),
      errors: [{ messageId: "deprecated" }],
    },
    {
      name: "lower-case keyword gives a lower-case label",
      code: lines("from alpine:3.20", "maintainer ops@example.com"),
      output: lines("from alpine:3.20", 'label org.opencontainers.image.authors="ops@example.com"'),
      errors: [{ messageId: "deprecated" }],
    },
    {
      name: "no fix when the stage already has the label",
      code: lines("FROM alpine:3.20", 'LABEL org.opencontainers.image.authors="ops@example.com"', "MAINTAINER ops@example.com"),
      output: null,
      errors: [{ messageId: "deprecated", data: { authors: "org.opencontainers.image.authors", already: " (already set here)" } }],
    },
    {
      name: "the label in another stage does not count",
      code: lines("FROM alpine:3.20 AS a", 'LABEL org.opencontainers.image.authors="a@example.com"', "FROM alpine:3.20", "MAINTAINER b@example.com"),
      output: lines("FROM alpine:3.20 AS a", 'LABEL org.opencontainers.image.authors="a@example.com"', "FROM alpine:3.20", 'LABEL org.opencontainers.image.authors="b@example.com"'),
      errors: [{ messageId: "deprecated", line: 4 }],
    },
    {
      name: "value over a continuation line",
      code: lines("FROM alpine:3.20", "MAINTAINER Jane Doe \\", "  <jane@example.com>"),
      output: lines("FROM alpine:3.20", 'LABEL org.opencontainers.image.authors="Jane Doe   <jane@example.com>"'),
      errors: [{ messageId: "deprecated", line: 2 }],
    },
    {
      name: "no fix when a comment sits inside the continuation",
      code: lines("FROM alpine:3.20", "MAINTAINER Jane Doe \\", "# team: platform", "  <jane@example.com>"),
      output: null,
      errors: [{ messageId: "deprecated", line: 2 }],
    },
    {
      name: "backtick escape and CRLF: the escape character in the value is doubled",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nMAINTAINER DOMAIN\\jane `dev` team\r\n",
      output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nLABEL org.opencontainers.image.authors=\"DOMAIN\\jane ``dev`` team\"\r\n",
      errors: [{ messageId: "deprecated", line: 3 }],
    },
    {
      name: "real world: an old application image with MAINTAINER after FROM",
      code: lines("FROM ubuntu:14.04", "MAINTAINER Docker Education Team <education@docker.com>", "RUN apt-get update"),
      output: lines("FROM ubuntu:14.04", 'LABEL org.opencontainers.image.authors="Docker Education Team <education@docker.com>"', "RUN apt-get update"),
      errors: [{ messageId: "deprecated", line: 2 }],
    },
  ],
});
