import rule from "../../rules/valid-exec-form.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("valid-exec-form", rule, {
  valid: [
    { name: "valid exec form", code: lines("FROM node:20", 'CMD ["node", "server.js"]') },
    { name: "shell form", code: lines("FROM node:20", "CMD node server.js") },
    { name: "a shell test command starts with [", code: lines("FROM alpine:3.20", "RUN [ -f /etc/os-release ] && cat /etc/os-release") },
    { name: "a whole shell test in brackets", code: lines("FROM alpine:3.20", 'RUN [ "$(uname -m)" = "x86_64" ]') },
    { name: "a one-word test", code: lines("FROM alpine:3.20", "RUN [ -n $HOME ]") },
    { name: "exec form over continuation lines (hadolint's DL3025 regression case)", code: lines("FROM alpine:3.20", 'CMD [ "/bin/sh", "-c", \\', '      "echo foo && \\', '       echo bar" \\', "    ]") },
    { name: "HEALTHCHECK CMD in exec form", code: lines("FROM alpine:3.20", 'HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost/"]') },
    { name: "HEALTHCHECK NONE", code: lines("FROM alpine:3.20", "HEALTHCHECK NONE") },
    { name: "RUN with a heredoc", code: lines("FROM alpine:3.20", "RUN <<EOF", "['a', 'b']", "EOF") },
    { name: "real world: an ARM image runs a cross-build hook as a one-word test", code: lines("FROM balenalib/armhf-debian:bookworm", "RUN [ ${CROSS_BUILD_START} ]", "RUN [ ${CROSS_BUILD_END} ]") },
    { name: "real world: a PowerShell RUN starts with a .NET type in brackets", code: lines("# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]', "RUN [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12; `", "    Invoke-WebRequest https://example.com/x.zip -OutFile x.zip") },
    { name: "a one-string shell test followed by a command", code: lines("FROM alpine:3.20", 'RUN [ "$DEBUG" ] && apk add strace') },
    { name: "bash [[ test ]]", code: lines("FROM php:8.3", "RUN [[ -f composer.lock || -f composer.json ]] && composer install --no-dev") },
    { name: "valid JSON with unicode escapes", code: lines("FROM alpine:3.20", 'CMD ["echo", "\\u00e9t\\u00e9"]') },
  ],
  invalid: [
    {
      name: "single quotes run through a shell",
      code: lines("FROM node:20", "CMD ['node', 'server.js']"),
      output: lines("FROM node:20", 'CMD ["node", "server.js"]'),
      errors: [
        {
          messageId: "runsInShell",
          line: 2,
          column: 5,
          endColumn: 26,
          data: { keyword: "CMD", reason: "single quotes", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: ': ["node", "server.js"]' },
        },
      ],
    },
    {
      name: "trailing comma",
      code: lines("FROM node:20", 'ENTRYPOINT ["docker-entrypoint.sh", "node",]'),
      output: lines("FROM node:20", 'ENTRYPOINT ["docker-entrypoint.sh", "node"]'),
      errors: [{ messageId: "runsInShell", data: { keyword: "ENTRYPOINT", reason: "a trailing comma", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: ': ["docker-entrypoint.sh", "node"]' } }],
    },
    {
      name: "missing comma is reported without a fix",
      code: lines("FROM python:3.12", 'CMD ["python" "app.py"]'),
      output: null,
      errors: [{ messageId: "runsInShell", data: { keyword: "CMD", reason: "a missing comma", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: "" } }],
    },
    {
      name: "single quotes and a trailing comma together",
      code: lines("FROM node:20", "CMD ['npm', 'start',]"),
      output: lines("FROM node:20", 'CMD ["npm", "start"]'),
      errors: [{ messageId: "runsInShell", data: { keyword: "CMD", reason: "single quotes, a trailing comma", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: ': ["npm", "start"]' } }],
    },
    {
      name: "an escaped quote inside single quotes",
      code: lines("FROM alpine:3.20", "CMD ['echo', 'it\\'s \"done\"']"),
      output: lines("FROM alpine:3.20", 'CMD ["echo", "it\'s \\"done\\""]'),
      errors: [{ messageId: "runsInShell" }],
    },
    {
      name: "an escape JSON does not know is not fixed",
      code: lines("FROM alpine:3.20", "CMD ['grep', '\\d+']"),
      output: null,
      errors: [{ messageId: "runsInShell" }],
    },
    {
      name: "unquoted words are reported without a fix",
      code: lines("FROM alpine:3.20", "CMD [nginx, -g, daemon off;]"),
      output: null,
      errors: [{ messageId: "runsInShell" }],
    },
    {
      name: "a number element fails the build; the fix quotes it",
      code: lines("FROM alpine:3.20", 'CMD ["sleep", 3600]'),
      output: lines("FROM alpine:3.20", 'CMD ["sleep", "3600"]'),
      errors: [{ messageId: "failsBuild", data: { keyword: "CMD", reason: "the element 3600, which is not a string", effect: ": BuildKit reads the JSON but accepts only strings in it", suggestion: ': ["sleep", "3600"]' } }],
    },
    {
      name: "SHELL in single quotes fails the build",
      code: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", "SHELL ['powershell', '-Command']"),
      output: lines("FROM mcr.microsoft.com/windows/servercore:ltsc2022", 'SHELL ["powershell", "-Command"]'),
      errors: [{ messageId: "failsBuild", data: { keyword: "SHELL", reason: "single quotes", effect: ": SHELL accepts only the JSON form", suggestion: ': ["powershell", "-Command"]' } }],
    },
    {
      name: "RUN with a flag before the array",
      code: lines("FROM alpine:3.20", "RUN --network=none ['sh', '-c', 'true']"),
      output: lines("FROM alpine:3.20", 'RUN --network=none ["sh", "-c", "true"]'),
      errors: [{ messageId: "runsInShell", line: 2, column: 20 }],
    },
    {
      name: "COPY and VOLUME make paths of the words",
      code: lines("FROM alpine:3.20", "COPY ['a.txt', '/app/']", "VOLUME ['/data']"),
      output: lines("FROM alpine:3.20", 'COPY ["a.txt", "/app/"]', 'VOLUME ["/data"]'),
      errors: [
        { messageId: "runsInShell", line: 2, data: { keyword: "COPY", reason: "single quotes", effect: ", so the words with their brackets and quotes become paths", suggestion: ': ["a.txt", "/app/"]' } },
        { messageId: "runsInShell", line: 3 },
      ],
    },
    {
      name: "HEALTHCHECK CMD with single quotes",
      code: lines("FROM nginx:1.27", "HEALTHCHECK --interval=30s CMD ['curl', '-f', 'http://localhost/']"),
      output: lines("FROM nginx:1.27", 'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]'),
      errors: [{ messageId: "runsInShell", data: { keyword: "HEALTHCHECK CMD", reason: "single quotes", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: ': ["curl", "-f", "http://localhost/"]' } }],
    },
    {
      name: "ONBUILD trigger and lower-case keywords",
      code: lines("from node:20", "onbuild run ['npm', 'ci']"),
      output: lines("from node:20", 'onbuild run ["npm", "ci"]'),
      errors: [{ messageId: "runsInShell", line: 2, column: 13 }],
    },
    {
      name: "array over continuation lines keeps its layout",
      code: lines("FROM node:20", "CMD ['node', \\", "     'server.js',\\", "    ]"),
      output: lines("FROM node:20", 'CMD ["node", \\', '     "server.js"\\', "    ]"),
      errors: [{ messageId: "runsInShell", line: 2, endLine: 4 }],
    },
    {
      name: "a comment after the array makes it shell form",
      code: lines("FROM node:20", 'CMD ["node", "server.js"] # start the API'),
      output: null,
      errors: [{ messageId: "runsInShell", data: { keyword: "CMD", reason: "text after the closi…nd-of-line comments", effect: " (`/bin/sh -c '[…]'`), which fails or runs something else", suggestion: "" } }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nSHELL ['powershell', `\r\n  '-Command']\r\n",
      output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nSHELL [\"powershell\", `\r\n  \"-Command\"]\r\n",
      errors: [{ messageId: "failsBuild", line: 3 }],
    },
    {
      name: "real world: a Flask image starts with a single-quoted CMD",
      code: lines("FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .", "RUN pip install -r requirements.txt", "COPY . .", "CMD ['gunicorn', '--bind', '0.0.0.0:8000', 'app:app']"),
      output: lines("FROM python:3.12-slim", "WORKDIR /app", "COPY requirements.txt .", "RUN pip install -r requirements.txt", "COPY . .", 'CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]'),
      errors: [{ messageId: "runsInShell", line: 6 }],
    },
  ],
});
