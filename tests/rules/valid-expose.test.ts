import rule from "../../rules/valid-expose.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("valid-expose", rule, {
  valid: [
    { name: "hadolint's case: valid port", code: lines("FROM alpine:3.20", "EXPOSE 60000") },
    { name: "hadolint's case: port from a variable", code: lines("FROM alpine:3.20", "EXPOSE ${FOOBAR}") },
    { name: "hadolint's case: valid range", code: lines("FROM alpine:3.20", "EXPOSE 40000-60000/tcp") },
    { name: "hadolint's case: range end from a variable", code: lines("FROM alpine:3.20", "EXPOSE 40000-${FOOBAR}") },
    { name: "BuildKit's case: port without protocol", code: lines("FROM scratch", "EXPOSE 8000") },
    { name: "several ports and protocols", code: lines("FROM alpine:3.20", "EXPOSE 80 443/tcp 53/udp 9/sctp 0 65535") },
    { name: "range with the same start and end", code: lines("FROM alpine:3.20", "EXPOSE 8080-8080") },
    { name: "ARG default with a valid port", code: lines("FROM node:20", "ARG PORT=3000", "EXPOSE $PORT") },
    { name: "ENV value holding several ports", code: lines("FROM nginx:1.27", 'ENV PORTS="80 443"', "EXPOSE $PORTS") },
    { name: "quoted port", code: lines("FROM alpine:3.20", 'EXPOSE "8080/udp"') },
    { name: "ARG without default is decided at build time", code: lines("FROM node:20", "ARG PORT", "EXPOSE ${PORT}/tcp") },
    { name: "ports over continuation lines", code: lines("FROM alpine:3.20", "EXPOSE 80 \\", "  443") },
    {
      name: "real world: a gateway image exposes fixed ports plus extra ones from an ARG without default",
      code: lines("FROM ubuntu:24.04", "ARG EE_PORTS", "EXPOSE 8000 8443 8001 8444 $EE_PORTS", "EXPOSE 8000-8005 9000-9005 6787"),
    },
    {
      name: "real world: a database image exposes its client and cluster ports",
      code: lines("FROM debian:bookworm-slim", "ENV COUCHDB_VERSION=3.3.3", "EXPOSE 5984 4369 9100"),
    },
  ],
  invalid: [
    {
      name: "BuildKit's case: protocol casing, two of three ports",
      code: lines("FROM scratch", "EXPOSE 80/TcP 8080/TCP 8080/udp"),
      output: lines("FROM scratch", "EXPOSE 80/tcp 8080/tcp 8080/udp"),
      errors: [
        { messageId: "protoCasing", line: 2, column: 8, endColumn: 14, data: { spec: "80/TcP", resolved: "", detail: "", container: "80/TcP", lower: "80/tcp" } },
        { messageId: "protoCasing", line: 2, column: 15, endColumn: 23 },
      ],
    },
    {
      name: "BuildKit's case: IP addresses and host-port mappings",
      code: lines("FROM scratch", "EXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000"),
      errors: [
        { messageId: "mapping", line: 2, column: 8, endColumn: 23, data: { spec: "127.0.0.1:80:80", resolved: "", detail: "", container: "80", lower: "" } },
        { messageId: "mapping", line: 2, column: 24, endColumn: 39, data: { spec: "[::1]:8080:8080", resolved: "", detail: "", container: "8080", lower: "" } },
        { messageId: "mapping", line: 2, column: 40, endColumn: 49 },
      ],
    },
    {
      name: "hadolint's case: port out of range",
      code: lines("FROM alpine:3.20", "EXPOSE 80000"),
      errors: [{ messageId: "outOfRange", line: 2, column: 8, endColumn: 13, data: { spec: "80000", resolved: "", detail: "80000", container: "80000", lower: "" } }],
    },
    {
      name: "hadolint's case: range end out of range",
      code: lines("FROM alpine:3.20", "EXPOSE 40000-80000/tcp"),
      errors: [{ messageId: "outOfRange", data: { spec: "40000-80000/tcp", resolved: "", detail: "80000", container: "40000-80000/tcp", lower: "" } }],
    },
    {
      name: "range that ends before it starts",
      code: lines("FROM alpine:3.20", "EXPOSE 9000-8000"),
      errors: [{ messageId: "badRange" }],
    },
    {
      name: "unknown protocol",
      code: lines("FROM alpine:3.20", "EXPOSE 80/http"),
      errors: [{ messageId: "invalidProto", data: { spec: "80/http", resolved: "", detail: "http", container: "80/http", lower: "" } }],
    },
    {
      name: "not a number",
      code: lines("FROM alpine:3.20", "EXPOSE http"),
      errors: [{ messageId: "notNumber" }],
    },
    {
      name: "protocol without a port",
      code: lines("FROM alpine:3.20", "EXPOSE /tcp"),
      errors: [{ messageId: "noPort" }],
    },
    {
      name: "ARG default resolves to a port out of range",
      code: lines("FROM node:20", "ARG PORT=99999", "EXPOSE $PORT"),
      errors: [{ messageId: "outOfRange", line: 3, column: 8, endColumn: 13, data: { spec: "99999", resolved: " (from '$PORT')", detail: "99999", container: "99999", lower: "" } }],
    },
    {
      name: "ENV value resolves to a mapping",
      code: lines("FROM node:20", "ENV PORT_MAP=8080:80", "EXPOSE ${PORT_MAP}"),
      errors: [{ messageId: "mapping", data: { spec: "8080:80", resolved: " (from '${PORT_MAP}')", detail: "", container: "80", lower: "" } }],
    },
    {
      name: "protocol casing through a variable is reported without a fix",
      code: lines("FROM node:20", "ARG PROTO=UDP", "EXPOSE 53/${PROTO}"),
      output: null,
      errors: [{ messageId: "protoCasing" }],
    },
    {
      name: "a mapping with an upper-case protocol gets both reports, and the casing fix",
      code: lines("FROM alpine:3.20", "EXPOSE 8080:80/TCP"),
      output: lines("FROM alpine:3.20", "EXPOSE 8080:80/tcp"),
      errors: [{ messageId: "protoCasing" }, { messageId: "mapping" }],
    },
    {
      name: "quoted port with an upper-case protocol",
      code: lines("FROM alpine:3.20", 'EXPOSE "53/UDP"'),
      output: lines("FROM alpine:3.20", 'EXPOSE "53/udp"'),
      errors: [{ messageId: "protoCasing" }],
    },
    {
      name: "lower-case keyword, ONBUILD, backtick escape and CRLF",
      code: "# escape=`\r\nfrom mcr.microsoft.com/windows/servercore:ltsc2022\r\nonbuild expose `\r\n  8080/TCP\r\n",
      output: "# escape=`\r\nfrom mcr.microsoft.com/windows/servercore:ltsc2022\r\nonbuild expose `\r\n  8080/tcp\r\n",
      errors: [{ messageId: "protoCasing", line: 4, column: 3, endColumn: 11 }],
    },
    {
      name: "real world: a port mapping copied from a docker run command",
      code: lines("FROM python:3.12-slim", "WORKDIR /app", "COPY . .", "EXPOSE 5000:5000", 'CMD ["flask", "run", "--host=0.0.0.0"]'),
      errors: [{ messageId: "mapping", line: 4, data: { spec: "5000:5000", resolved: "", detail: "", container: "5000", lower: "" } }],
    },
  ],
});
