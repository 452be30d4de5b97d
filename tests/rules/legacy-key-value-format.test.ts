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
