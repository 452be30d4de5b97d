import rule from "../../rules/single-cmd-entrypoint-healthcheck.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("single-cmd-entrypoint-healthcheck", rule, {
  valid: [
    { name: "single CMD", code: lines("FROM alpine:3.20", "CMD /bin/true") },
    { name: "single ENTRYPOINT", code: lines("FROM alpine:3.20", "ENTRYPOINT /bin/true") },
    { name: "no CMD at all", code: "FROM busybox:1.36" },
    { name: "one of each kind", code: lines("FROM alpine:3.20", 'ENTRYPOINT ["/app"]', 'CMD ["--help"]', 'HEALTHCHECK CMD ["/app", "ping"]') },
    {
      name: "the CMD of a HEALTHCHECK is not a second CMD (BuildKit's docs case)",
      code: lines("FROM python:3.12-alpine", "RUN apk add curl", "HEALTHCHECK --interval=1s --timeout=3s \\", '  CMD ["curl", "-f", "http://localhost:8080"]', 'CMD ["python", "-m", "http.server", "8080"]'),
    },
    { name: "hadolint's case: single CMD in each of two stages", code: lines("FROM debian:12 as distro1", "CMD bash", "RUN foo", "FROM debian:12 as distro2", "CMD another") },
    {
      name: "a child stage may replace its parent's CMD, ENTRYPOINT and HEALTHCHECK (BuildKit's case)",
      code: lines(
        "FROM scratch AS a",
        'ENTRYPOINT ["/myapp"]',
        'CMD ["/myapp"]',
        'HEALTHCHECK CMD ["/myapp"]',
        "",
        "FROM a AS b",
        'ENTRYPOINT ["/myotherapp"]',
        'CMD ["/myotherapp"]',
        'HEALTHCHECK CMD ["/myotherapp"]',
      ),
    },
    { name: "hadolint's case: one HEALTHCHECK in each of two stages", code: lines("FROM scratch", "HEALTHCHECK CMD /bin/bla1", "FROM scratch", "HEALTHCHECK CMD /bin/bla2") },
    { name: "ONBUILD CMD is a trigger for child images, not this image's CMD", code: lines("FROM alpine:3.20", 'CMD ["sh"]', 'ONBUILD CMD ["app"]') },
    {
      name: "real world: a builder stage and a runtime stage, each with its own ENTRYPOINT",
      code: lines(
        "FROM golang:1.22 AS build",
        "RUN go build -o /out/app .",
        'ENTRYPOINT ["/out/app"]',
        "FROM gcr.io/distroless/static-debian12",
        "COPY --from=build /out/app /app",
        'ENTRYPOINT ["/app"]',
        'CMD ["serve"]',
      ),
    },
  ],
  invalid: [
    {
      name: "real world: a lint fixture with two exec-form CMDs in the final stage, then a shell-form ENTRYPOINT",
      code: lines(
        "frOM busybox as base",
        "cOpy lint.Dockerfile .",
        "",
        "from scratch",
        "COPy --from=base \\",
        "  /lint.Dockerfile \\",
        "  /",
        "",
        'CMD [ "echo", "Hello, Norway!" ]',
        'CMD [ "echo", "Hello, Sweden!" ]',
        "ENTRYPOINT my-program start",
      ),
      errors: [{ messageId: "overridden", line: 9, column: 1, endColumn: 4, data: { keyword: "CMD", line: "10" } }],
    },
    {
      name: "two of each kind in a row (BuildKit's case): the ignored ones are reported",
      code: lines(
        "FROM scratch",
        'ENTRYPOINT ["/myapp"]',
        'ENTRYPOINT ["/myotherapp"]',
        'CMD ["/myapp"]',
        'CMD ["/myotherapp"]',
        'HEALTHCHECK CMD ["/myapp"]',
        'HEALTHCHECK CMD ["/myotherapp"]',
      ),
      errors: [
        { messageId: "overridden", line: 2, column: 1, endColumn: 11, data: { keyword: "ENTRYPOINT", line: "3" } },
        { messageId: "overridden", line: 4, column: 1, endColumn: 4, data: { keyword: "CMD", line: "5" } },
        { messageId: "overridden", line: 6, column: 1, endColumn: 12, data: { keyword: "HEALTHCHECK", line: "7" } },
      ],
    },
    {
      name: "duplicates separated by a COPY heredoc are still duplicates (BuildKit's case)",
      code: lines(
        "FROM scratch",
        'ENTRYPOINT ["/myapp"]',
        'CMD ["/myapp"]',
        'HEALTHCHECK CMD ["/myapp"]',
        "COPY <<EOF /a.txt",
        "Hello, World!",
        "EOF",
        'ENTRYPOINT ["/myotherapp"]',
        'CMD ["/myotherapp"]',
        'HEALTHCHECK CMD ["/myotherapp"]',
      ),
      errors: [
        { messageId: "overridden", line: 2 },
        { messageId: "overridden", line: 3 },
        { messageId: "overridden", line: 4 },
      ],
    },
    {
      name: "hadolint's case: many CMDs in one stage",
      code: lines("FROM debian:12", "CMD bash", "RUN foo", "CMD another"),
      errors: [{ messageId: "overridden", line: 2, data: { keyword: "CMD", line: "4" } }],
    },
    {
      name: "hadolint's case: many ENTRYPOINTs in the first of two stages",
      code: lines("FROM debian:12 as distro1", "ENTRYPOINT bash", "RUN foo", "ENTRYPOINT another", "FROM debian:12 as distro2", "ENTRYPOINT another"),
      errors: [{ messageId: "overridden", line: 2, data: { keyword: "ENTRYPOINT", line: "4" } }],
    },
    {
      name: "three CMDs report the first two",
      code: lines("FROM alpine:3.20", "CMD a", "CMD b", "CMD c"),
      errors: [
        { messageId: "overridden", line: 2, data: { keyword: "CMD", line: "4" } },
        { messageId: "overridden", line: 3, data: { keyword: "CMD", line: "4" } },
      ],
    },
    {
      name: "HEALTHCHECK NONE after a HEALTHCHECK CMD",
      code: lines("FROM alpine:3.20", "HEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1", "HEALTHCHECK NONE"),
      errors: [{ messageId: "overridden", line: 2, data: { keyword: "HEALTHCHECK", line: "3" } }],
    },
    {
      name: "lowercase keywords keep their casing in the report",
      code: lines("from alpine:3.20", "cmd a", "cmd b"),
      errors: [{ messageId: "overridden", line: 2, column: 1, endColumn: 4, data: { keyword: "CMD", line: "3" } }],
    },
    {
      name: "CMD split over lines with CRLF",
      code: 'FROM alpine:3.20\r\nCMD ["a", \\\r\n  "b"]\r\nCMD ["c"]\r\n',
      errors: [{ messageId: "overridden", line: 2, column: 1, endColumn: 4, data: { keyword: "CMD", line: "4" } }],
    },
  ],
});
