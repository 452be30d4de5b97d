import rule from "../../rules/prefer-exec-form.js";
import { lines, ruleTester } from "../rule-tester.js";

const MSG = "preferExec";

ruleTester.run("prefer-exec-form", rule, {
  valid: [
    { name: "hadolint's case: ENTRYPOINT in JSON notation", code: lines("FROM scratch as build", 'ENTRYPOINT ["foo", "bar"]') },
    { name: "hadolint's case: CMD in JSON notation, with and without inner blanks", code: lines("FROM scratch as build", 'CMD ["foo", "bar"]', 'CMD [ "foo", "bar" ]') },
    { name: "hadolint's case: JSON notation over continuation lines", code: lines("FROM alpine:3.20", 'CMD [ "/bin/sh", "-c", \\', '      "echo foo && \\', '       echo bar" \\', "    ]") },
    { name: "BuildKit's case: SHELL set before CMD", code: lines("FROM scratch", 'SHELL ["/usr/bin/customshell"]', "CMD mycommand") },
    { name: "BuildKit's case: SHELL set before ENTRYPOINT", code: lines("FROM scratch", 'SHELL ["/usr/bin/customshell"]', "ENTRYPOINT mycommand") },
    { name: "BuildKit's case: SHELL set in the parent stage (CMD)", code: lines("FROM scratch AS base", 'SHELL ["/usr/bin/customshell"]', "", "FROM base", "CMD mycommand") },
    { name: "BuildKit's case: SHELL set in the parent stage (ENTRYPOINT)", code: lines("FROM scratch AS base", 'SHELL ["/usr/bin/customshell"]', "", "FROM base", "ENTRYPOINT mycommand") },
    { name: "HEALTHCHECK CMD in shell form is not checked by default", code: lines("FROM nginx:1.27", "HEALTHCHECK CMD curl -f http://localhost/ || exit 1") },
    { name: "hadolint's case: HEALTHCHECK CMD in JSON notation", code: lines("FROM alpine:3.20", 'HEALTHCHECK CMD [ "foobar" ]'), options: [{ checkHealthcheck: true }] },
    { name: "ONBUILD CMD belongs to the child build", code: lines("FROM alpine:3.20", "ONBUILD CMD make run") },
    { name: "malformed exec form is left to valid-exec-form", code: lines("FROM node:20", "CMD ['node', 'app.js']") },
    { name: "CMD without arguments", code: lines("FROM alpine:3.20", "CMD") },
  ],
  invalid: [
    {
      name: "BuildKit's case: CMD in shell form",
      code: lines("FROM scratch", "CMD mycommand"),
      errors: [
        {
          messageId: MSG,
          line: 2,
          column: 5,
          endColumn: 14,
          data: { keyword: "CMD" },
          suggestions: [{ messageId: "useExec", data: { keyword: "CMD", exec: '["mycommand"]', note: "" }, output: lines("FROM scratch", 'CMD ["mycommand"]') }],
        },
      ],
    },
    {
      name: "BuildKit's case: ENTRYPOINT in shell form",
      code: lines("FROM scratch", "ENTRYPOINT mycommand"),
      errors: [
        {
          messageId: MSG,
          data: { keyword: "ENTRYPOINT" },
          suggestions: [
            {
              messageId: "useExec",
              data: { keyword: "ENTRYPOINT", exec: '["mycommand"]', note: " (arguments given to `docker run` are then passed to it)" },
              output: lines("FROM scratch", 'ENTRYPOINT ["mycommand"]'),
            },
          ],
        },
      ],
    },
    {
      name: "BuildKit's docs case: program with an argument",
      code: lines("FROM alpine:3.20", "ENTRYPOINT my-program start"),
      errors: [{ messageId: MSG, suggestions: [{ messageId: "useExec", output: lines("FROM alpine:3.20", 'ENTRYPOINT ["my-program", "start"]') }] }],
    },
    {
      name: "quoted words and a leading exec",
      code: lines("FROM node:20", "CMD exec node --title 'api server' \"dist/main.js\""),
      errors: [{ messageId: MSG, suggestions: [{ messageId: "useExec", output: lines("FROM node:20", 'CMD ["node", "--title", "api server", "dist/main.js"]') }] }],
    },
    {
      name: "shell syntax gets no suggestion",
      code: lines("FROM node:20", "CMD npm run migrate && npm start", "FROM alpine:3.20", "CMD echo $HOME", "FROM alpine:3.20", "CMD PORT=80 ./server"),
      errors: [
        { messageId: MSG, line: 2, suggestions: [] },
        { messageId: MSG, line: 4, suggestions: [] },
        { messageId: MSG, line: 6, suggestions: [] },
      ],
    },
    {
      name: "ENTRYPOINT with a CMD in the stage gets no suggestion: the CMD would become its arguments",
      code: lines("FROM python:3.12", "ENTRYPOINT python app.py", 'CMD ["--port", "8000"]'),
      errors: [{ messageId: MSG, line: 2, suggestions: [] }],
    },
    {
      name: "SHELL after the CMD does not count",
      code: lines("FROM alpine:3.20", "CMD run-it", 'SHELL ["/bin/bash", "-c"]'),
      errors: [{ messageId: MSG, line: 2, suggestions: [{ messageId: "useExec", output: lines("FROM alpine:3.20", 'CMD ["run-it"]', 'SHELL ["/bin/bash", "-c"]') }] }],
    },
    {
      name: "SHELL in an unrelated stage does not count",
      code: lines("FROM alpine:3.20 AS tools", 'SHELL ["/bin/bash", "-c"]', "FROM alpine:3.20", "CMD run-it"),
      errors: [{ messageId: MSG, line: 4, suggestions: [{ messageId: "useExec", output: lines("FROM alpine:3.20 AS tools", 'SHELL ["/bin/bash", "-c"]', "FROM alpine:3.20", 'CMD ["run-it"]') }] }],
    },
    {
      name: "hadolint's case: HEALTHCHECK CMD in shell form, with the option",
      code: "HEALTHCHECK CMD foobar\n",
      options: [{ checkHealthcheck: true }],
      errors: [{ messageId: MSG, data: { keyword: "HEALTHCHECK CMD" }, suggestions: [{ messageId: "useExec", output: 'HEALTHCHECK CMD ["foobar"]\n' }] }],
    },
    {
      name: "command over continuation lines is joined in the suggestion",
      code: lines("FROM openjdk:21", "CMD java \\", "    -jar /app.jar"),
      errors: [{ messageId: MSG, line: 2, endLine: 3, suggestions: [{ messageId: "useExec", output: lines("FROM openjdk:21", 'CMD ["java", "-jar", "/app.jar"]') }] }],
    },
    {
      name: "lower-case keyword",
      code: lines("from alpine:3.20", "cmd sleep infinity"),
      errors: [{ messageId: MSG, data: { keyword: "CMD" }, suggestions: [{ messageId: "useExec", output: lines("from alpine:3.20", 'cmd ["sleep", "infinity"]') }] }],
    },
    {
      name: "Windows stage with the backtick escape and CRLF: plain words get a suggestion",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nCMD ping -t localhost\r\n",
      errors: [{ messageId: MSG, line: 3, suggestions: [{ messageId: "useExec", output: '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nCMD ["ping", "-t", "localhost"]\r\n' }] }],
    },
    {
      name: "Windows stage: quoted words get no suggestion, cmd.exe reads quotes differently",
      code: lines("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", "CMD echo 'hello world'"),
      errors: [{ messageId: MSG, line: 2, suggestions: [] }],
    },
    {
      name: "real world: a lint fixture's final stage ends with a shell-form ENTRYPOINT after its CMD lines",
      code: lines("from scratch", 'CMD [ "echo", "Hello, Norway!" ]', 'CMD [ "echo", "Hello, Sweden!" ]', "ENTRYPOINT my-program start"),
      errors: [{ messageId: MSG, line: 4, column: 12, endColumn: 28, suggestions: [] }],
    },
  ],
});
