import rule from "../../rules/no-env-same-instruction-reference.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("no-env-same-instruction-reference", rule, {
  valid: [
    { name: "hadolint's case: normal ENV", code: lines("FROM alpine:3.20", 'ENV BLA="blubb"', 'ENV BLUBB="${BLA}/blubb"') },
    { name: "hadolint's case: partial match 1", code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"') },
    { name: "hadolint's case: partial match 2", code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="${BLAFOO}/blubb"') },
    { name: "hadolint's case: partial match 3", code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="$FOOBLA/blubb"') },
    { name: "hadolint's case: partial match 4", code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"') },
    { name: "hadolint's case: no dollar", code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"') },
    { name: "hadolint's case: previously defined in ARG", code: lines("FROM alpine:3.20", "ARG BLA", "ENV BLA=${BLA}") },
    { name: "hadolint's case: own right-hand side", code: lines("FROM alpine:3.20", "ENV PATH=/bla:${PATH}") },
    { name: "hadolint's case: own right-hand side in two ENVs", code: lines("FROM alpine:3.20", "ENV PATH=/bla:${PATH}", "ENV PATH=/blubb:${PATH}") },
    { name: "a later pair's variable is not this rule's (no-undefined-var's)", code: lines("FROM alpine:3.20", "ENV B=$A A=1") },
    { name: "single quotes keep the dollar literal", code: lines("FROM alpine:3.20", "ENV A=1 B='$A'") },
    { name: "an escaped dollar is literal", code: lines("FROM alpine:3.20", "ENV A=1 B=\\$A") },
    { name: "the legacy form has one pair", code: lines("FROM alpine:3.20", "ENV A $A") },
    {
      name: "real-world shape: ARGs promoted to ENVs, which keep their values",
      code: lines("FROM ubuntu:22.04", "ARG PLATFORM=ubuntu", "ARG MAJOR=22", "ENV PLATFORM=$PLATFORM \\", "    MAJOR=${MAJOR} \\", '    OS_VER="$PLATFORM$MAJOR"'),
    },
    { name: "a pair that sets the same value again", code: lines("FROM ubuntu:22.04", "ENV A=1", "ENV A=1 B=$A") },
    { name: "LABEL is not ENV", code: lines("FROM alpine:3.20", "LABEL a=1 b=$a") },
  ],
  invalid: [
    {
      name: "hadolint's case: self-referencing with curly braces",
      code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="${BLA}/blubb"'),
      errors: [
        {
          messageId: "earlierValue",
          line: 2,
          column: 24,
          endColumn: 30,
          data: { ref: "${BLA}", name: "BLA", before: "an empty string or the base image's value" },
          suggestions: [{ messageId: "splitEnv", output: lines("FROM alpine:3.20", 'ENV BLA="blubb"', 'ENV BLUBB="${BLA}/blubb"') }],
        },
      ],
    },
    {
      name: "hadolint's case: without braces",
      code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="$BLA/blubb"'),
      errors: [{ messageId: "earlierValue", line: 2, suggestions: 1 }],
    },
    {
      name: "hadolint's case: full match 1",
      code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="$BLA"'),
      errors: [{ messageId: "earlierValue", line: 2, suggestions: 1 }],
    },
    {
      name: "hadolint's case: full match 2",
      code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="${BLA}"'),
      errors: [{ messageId: "earlierValue", line: 2, suggestions: 1 }],
    },
    {
      name: "hadolint's case: $BLA beside $BLAFOO",
      code: lines("FROM alpine:3.20", 'ENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"'),
      errors: [{ messageId: "earlierValue", line: 2, suggestions: 1 }],
    },
    {
      name: "hadolint's case: PATH twice in one ENV loses the first part",
      code: lines("FROM alpine:3.20", "ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}"),
      errors: [
        {
          messageId: "earlierValue",
          column: 35,
          data: { ref: "${PATH}", name: "PATH", before: "its earlier value" },
          suggestions: [{ messageId: "splitEnv", output: lines("FROM alpine:3.20", "ENV PATH=/bla:${PATH}", "ENV PATH=/blubb:${PATH}") }],
        },
      ],
    },
    {
      name: "defined before, which hadolint lets pass: the URL gets the old version",
      code: lines("FROM alpine:3.20", "ENV VERSION=1.0", "ENV VERSION=2.0 URL=https://example.com/tool-$VERSION.tgz"),
      errors: [{ messageId: "earlierValue", line: 3, data: { ref: "$VERSION", name: "VERSION", before: "the earlier '1.0'" }, suggestions: 1 }],
    },
    {
      name: "real-world shape: JAVA_HOME and PATH over continuation lines, the split keeps the indentation out",
      code: lines("FROM eclipse-temurin:21", "ENV JAVA_HOME=/opt/java \\", "    PATH=$JAVA_HOME/bin:$PATH"),
      errors: [
        {
          messageId: "earlierValue",
          line: 3,
          column: 10,
          endColumn: 20,
          suggestions: [{ messageId: "splitEnv", output: lines("FROM eclipse-temurin:21", "ENV JAVA_HOME=/opt/java", "ENV PATH=$JAVA_HOME/bin:$PATH") }],
        },
      ],
    },
    {
      name: "the new ENV keeps the keyword's casing",
      code: lines("from alpine:3.20", "env A=1 B=$A"),
      errors: [{ messageId: "earlierValue", suggestions: [{ messageId: "splitEnv", output: lines("from alpine:3.20", "env A=1", "env B=$A") }] }],
    },
    {
      name: "no suggestion when a comment sits between the pairs",
      code: lines("FROM alpine:3.20", "ENV A=1 \\", "# the second", "    B=$A"),
      errors: [{ messageId: "earlierValue", line: 4, suggestions: [] }],
    },
    {
      name: "in an ONBUILD trigger, once",
      code: lines("FROM alpine:3.20", "ONBUILD ENV A=1 B=$A"),
      errors: [{ messageId: "earlierValue", line: 2, suggestions: [{ messageId: "splitEnv", output: lines("FROM alpine:3.20", "ONBUILD ENV A=1", "ONBUILD ENV B=$A") }] }],
    },
  ],
});
