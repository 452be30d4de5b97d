import rule from "../../rules/legacy-key-value-format.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("legacy-key-value-format", rule, {
  valid: [
    { name: "BuildKit's case: key=value", code: lines("FROM scratch", "ENV testkey=value", "LABEL key=value") },
    { name: "several pairs", code: lines("FROM alpine:3.20", 'ENV A=1 B="two words" C=3') },
    { name: "quoted value over continuation lines (BuildKit's docs case)", code: lines("FROM alpine:3.20", 'ENV DEPS="\\', "    curl \\", "    git \\", '    make"') },
    { name: "ARG with several names is not the legacy form", code: lines("FROM alpine:3.20", "ARG foo bar") },
    { name: "empty value with =", code: lines("FROM alpine:3.20", "ENV EMPTY=") },
  ],
  invalid: [
    {
      name: "BuildKit's case: ENV and LABEL with a space",
      code: lines("FROM scratch", "ENV testkey value", "LABEL key value"),
      output: lines("FROM scratch", "ENV testkey=value", "LABEL key=value"),
      errors: [
        { messageId: "legacy", line: 2, column: 5, endColumn: 12, data: { keyword: "ENV", key: "testkey", example: "value" } },
        { messageId: "legacy", line: 3, column: 7, endColumn: 10, data: { keyword: "LABEL", key: "key", example: "value" } },
      ],
    },
    {
      name: "BuildKit's case: in a stage not reached by the default target",
      code: lines("FROM scratch AS a", "", "FROM a AS b", "ENV testkey value", "LABEL key value", "", "FROM a AS c"),
      output: lines("FROM scratch AS a", "", "FROM a AS b", "ENV testkey=value", "LABEL key=value", "", "FROM a AS c"),
      errors: [{ messageId: "legacy", line: 4 }, { messageId: "legacy", line: 5 }],
    },
    {
      name: "BuildKit's trailing-backslash test file: ENV C ends at its escaped backslash, so C and D are two legacy ENVs",
      code: lines("FROM hello-world", "ENV C trailing\\\\backslash\\\\", "ENV D This should not be appended to C"),
      output: lines("FROM hello-world", "ENV C=trailing\\\\backslash\\\\", 'ENV D="This should not be appended to C"'),
      errors: [
        { messageId: "legacy", line: 2, column: 5, endColumn: 6, data: { keyword: "ENV", key: "C", example: "trailing\\\\backslash\\\\" } },
        { messageId: "legacy", line: 3, column: 5, endColumn: 6 },
      ],
    },
    {
      name: "real world: the ENV after a Windows COPY ending in an escaped backslash is its own instruction (docker-library mongo)",
      code: lines("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", "COPY --from=mongo:7.0.37-windowsservercore-ltsc2022 C:\\\\Windows\\\\System32\\\\vcruntime140.dll C:\\\\Windows\\\\System32\\\\", "", "# https://docs.mongodb.org/master/release-notes/7.0/", "ENV MONGO_VERSION 7.0.37"),
      output: lines("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022", "COPY --from=mongo:7.0.37-windowsservercore-ltsc2022 C:\\\\Windows\\\\System32\\\\vcruntime140.dll C:\\\\Windows\\\\System32\\\\", "", "# https://docs.mongodb.org/master/release-notes/7.0/", "ENV MONGO_VERSION=7.0.37"),
      errors: [{ messageId: "legacy", line: 5, column: 5, endColumn: 18 }],
    },
    {
      name: "value with blanks is quoted, blanks kept, trailing blanks dropped",
      code: lines("FROM alpine:3.20", "ENV GREETING hello   world  "),
      output: lines("FROM alpine:3.20", 'ENV GREETING="hello   world"  '),
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "a value with = is one value, not a second pair",
      code: lines("FROM alpine:3.20", "ENV JAVA_OPTS -Xmx1g -Dfile.encoding=UTF-8"),
      output: lines("FROM alpine:3.20", 'ENV JAVA_OPTS="-Xmx1g -Dfile.encoding=UTF-8"'),
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "a one-word value with a variable only gets the =",
      code: lines("FROM alpine:3.20", "ENV PATH /usr/local/bin:$PATH"),
      output: lines("FROM alpine:3.20", "ENV PATH=/usr/local/bin:$PATH"),
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "an already quoted value only gets the =",
      code: lines("FROM alpine:3.20", 'LABEL description "A small image"'),
      output: lines("FROM alpine:3.20", 'LABEL description="A small image"'),
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "BuildKit's docs case: multi-line list, the first value line joins the key",
      code: lines("FROM alpine:3.20", "ENV DEPS \\", "    curl \\", "    git \\", "    make"),
      output: lines("FROM alpine:3.20", 'ENV DEPS="curl \\', "    git \\", '    make"'),
      errors: [{ messageId: "legacy", line: 2 }],
    },
    {
      name: "no fix when a comment line sits between key and value: joining them would drop it",
      code: lines("FROM alpine:3.20", "LABEL ubuntu \\", "# inside a continuation", "  ubuntu"),
      output: null,
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "no fix when the value mixes quotes and blanks",
      code: lines("FROM alpine:3.20", 'ENV MSG say "hi" now'),
      output: null,
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "blanks around = make a legacy value that starts with =",
      code: lines("FROM alpine:3.20", 'LABEL maintainer = "The Infrastructure Company GmbH <info@servercow.de>"'),
      output: null,
      errors: [
        {
          messageId: "spacedEquals",
          line: 2,
          column: 7,
          endColumn: 17,
          data: { keyword: "LABEL", key: "maintainer", value: '= "The Infra…vercow.de>"' },
          suggestions: [{ messageId: "joinEquals", output: lines("FROM alpine:3.20", 'LABEL maintainer="The Infrastructure Company GmbH <info@servercow.de>"') }],
        },
      ],
    },
    {
      name: "no fix when the value has the escape character and blanks",
      code: lines("FROM alpine:3.20", "ENV W C:\\\\foo bar"),
      output: null,
      errors: [{ messageId: "legacy" }],
    },
    {
      name: "lower-case keyword and ONBUILD trigger",
      code: lines("from alpine:3.20", "onbuild env X y z"),
      output: lines("from alpine:3.20", 'onbuild env X="y z"'),
      errors: [{ messageId: "legacy", line: 2, column: 13, endColumn: 14, data: { keyword: "env", key: "X", example: "value" } }],
    },
    {
      name: "backtick escape and CRLF",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nENV APP_HOME C:/app/data\r\nLABEL vendor Example Corp\r\n",
      output: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nENV APP_HOME=C:/app/data\r\nLABEL vendor=\"Example Corp\"\r\n",
      errors: [{ messageId: "legacy", line: 3 }, { messageId: "legacy", line: 4 }],
    },
    {
      name: "real world: an old image sets its locale and path with the space form",
      code: lines("FROM ubuntu:20.04", "ENV PYTHONUNBUFFERED TRUE", "ENV LANG C.UTF-8", 'ENV PATH="/home/venv/bin:$PATH"'),
      output: lines("FROM ubuntu:20.04", "ENV PYTHONUNBUFFERED=TRUE", "ENV LANG=C.UTF-8", 'ENV PATH="/home/venv/bin:$PATH"'),
      errors: [{ messageId: "legacy", line: 2 }, { messageId: "legacy", line: 3 }],
    },
  ],
});
