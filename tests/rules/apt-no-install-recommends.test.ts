import rule from "../../rules/apt-no-install-recommends.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("apt-no-install-recommends", rule, {
  valid: [
    { name: "--no-install-recommends after install", code: lines("FROM debian:12", "RUN apt-get install -y --no-install-recommends python3") },
    { name: "--no-install-recommends before install", code: lines("FROM debian:12", "RUN apt-get --no-install-recommends -y install python3") },
    { name: "-o APT::Install-Recommends=false", code: lines("FROM debian:12", "RUN apt-get -o APT::Install-Recommends=false install -y python3") },
    { name: "--install-recommends=no", code: lines("FROM debian:12", "RUN apt-get install --install-recommends=no -y python3") },
    { name: "apt configuration written earlier in the stage", code: lines("FROM debian:12", "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends", "RUN apt-get install -y curl") },
    { name: "apt configuration written in a parent stage", code: lines("FROM debian:12 AS base", "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/01norecommends", "FROM base", "RUN apt-get install -y curl") },
    { name: "apt configuration written earlier in the same RUN", code: lines("FROM debian:12", "RUN printf 'APT::Install-Recommends \"0\";\\n' > /etc/apt/apt.conf.d/01 && apt-get install -y curl") },
    { name: "other subcommands", code: lines("FROM debian:12", "RUN apt-get update && apt-get remove -y curl && apt-get reinstall -y tzdata") },
    { name: "ONBUILD with the option", code: lines("FROM debian:12", "ONBUILD RUN apt-get install -y --no-install-recommends python3") },
    // Explicit intent: the writer chose recommends on purpose.
    { name: "explicit intent: --install-recommends", code: lines("FROM debian:12", "RUN apt-get update && apt-get install -y --install-recommends texlive-full") },
    { name: "explicit intent: -o APT::Install-Recommends=true", code: lines("FROM ubuntu:24.04", "RUN apt-get -o APT::Install-Recommends=true install -y ubuntu-desktop-minimal") },
    { name: "explicit intent: --option APT::Install-Recommends=1 after the packages", code: lines("FROM debian:12", "RUN apt-get install -y fonts-noto --option=APT::Install-Recommends=1") },
    { name: "explicit intent: a comment above the RUN asks for recommends", code: lines("FROM debian:12", "# Install with recommended packages: the PDF tools need their fonts", "RUN apt-get update && apt-get install -y libreoffice-writer") },
    { name: "explicit intent: a comment above the install line, inside the RUN", code: lines("FROM debian:12", "RUN apt-get update \\", "    && apt-get install -y --no-install-recommends curl \\", "    # we want the recommends of gnupg here", "    && apt-get install -y gnupg") },
    {
      name: "explicit intent: official CouchDB image shape, a comment inside the RUN right above the install",
      code: lines("FROM debian:bookworm-slim", "RUN set -eux; \\", "    apt-get update; \\", "    echo 'couchdb couchdb/mode select none' | debconf-set-selections; \\", "# we DO want recommends this time", "    DEBIAN_FRONTEND=noninteractive apt-get install -y --allow-downgrades \\", "            couchdb=\"$COUCHDB_VERSION\"~bookworm; \\", "    rm -rf /var/lib/apt/lists/*"),
    },
    { name: "explicit intent: apt configuration that turns recommends on", code: lines("FROM debian:12", "RUN echo 'APT::Install-Recommends \"true\";' > /etc/apt/apt.conf.d/99recommends", "RUN apt-get install -y gnome-core") },
    { name: "xx-apt-get with the option", code: lines("FROM debian:12", "RUN xx-apt-get install -y --no-install-recommends gcc libc6-dev") },
    { name: "apk is not apt", code: lines("FROM alpine:3.20", "RUN apk add --no-cache curl") },
  ],
  invalid: [
    {
      name: "apt-get install without the option",
      code: lines("FROM debian:12", "RUN apt-get install python3"),
      output: lines("FROM debian:12", "RUN apt-get install --no-install-recommends python3"),
      errors: [{ messageId: "missingNoInstallRecommends", data: { tool: "apt-get", packages: "'python3'" }, line: 2, column: 5, endColumn: 20 }],
    },
    {
      name: "options before install",
      code: lines("FROM debian:12", "RUN apt-get -y install python3"),
      output: lines("FROM debian:12", "RUN apt-get -y install --no-install-recommends python3"),
      errors: [{ messageId: "missingNoInstallRecommends", column: 5, endColumn: 23 }],
    },
    {
      name: "ONBUILD RUN",
      code: lines("FROM debian:12", "ONBUILD RUN apt-get install -y python3"),
      output: lines("FROM debian:12", "ONBUILD RUN apt-get install --no-install-recommends -y python3"),
      errors: [{ messageId: "missingNoInstallRecommends", line: 2, column: 13 }],
    },
    {
      name: "configuration written after the install does not count",
      code: lines("FROM debian:12", "RUN apt-get install -y curl", "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends"),
      output: lines("FROM debian:12", "RUN apt-get install --no-install-recommends -y curl", "RUN echo 'APT::Install-Recommends \"0\";' > /etc/apt/apt.conf.d/01norecommends"),
      errors: [{ messageId: "missingNoInstallRecommends", line: 2 }],
    },
    {
      name: "apt install with sudo, continuation lines",
      code: lines("FROM ubuntu:24.04", "RUN apt-get update \\", "    && sudo apt install -y \\", "       git"),
      output: lines("FROM ubuntu:24.04", "RUN apt-get update \\", "    && sudo apt install --no-install-recommends -y \\", "       git"),
      errors: [{ messageId: "missingNoInstallRecommends", data: { tool: "apt", packages: "'git'" }, line: 3, column: 13, endColumn: 24 }],
    },
    {
      name: "exec form",
      code: lines("FROM debian:12", 'RUN ["apt-get", "install", "-y", "git"]'),
      output: lines("FROM debian:12", 'RUN ["apt-get", "install", "--no-install-recommends", "-y", "git"]'),
      errors: [{ messageId: "missingNoInstallRecommends" }],
    },
    {
      name: "heredoc, backtick escape and CRLF",
      code: "# escape=`\r\nFROM debian:12\r\nrun <<EOF\r\napt-get install -y git\r\nEOF\r\n",
      output: "# escape=`\r\nFROM debian:12\r\nrun <<EOF\r\napt-get install --no-install-recommends -y git\r\nEOF\r\n",
      errors: [{ messageId: "missingNoInstallRecommends", line: 4, column: 1, endColumn: 16 }],
    },
    {
      name: "real world: official-image style install with cleanup",
      code: lines("FROM debian:bookworm-slim", "RUN set -eux; \\", "\tapt-get update; \\", "\tapt-get install -y ca-certificates curl; \\", "\trm -rf /var/lib/apt/lists/*"),
      output: lines("FROM debian:bookworm-slim", "RUN set -eux; \\", "\tapt-get update; \\", "\tapt-get install --no-install-recommends -y ca-certificates curl; \\", "\trm -rf /var/lib/apt/lists/*"),
      errors: [{ messageId: "missingNoInstallRecommends", line: 4, column: 2, endColumn: 17 }],
    },
    {
      name: "explicit intent: a comment asking to skip recommends is no intent to keep them",
      code: lines("FROM debian:12", "# no recommends, keep the image small", "RUN apt-get install -y curl"),
      output: lines("FROM debian:12", "# no recommends, keep the image small", "RUN apt-get install --no-install-recommends -y curl"),
      errors: [{ messageId: "missingNoInstallRecommends", data: { tool: "apt-get", packages: "'curl'" } }],
    },
    {
      name: "explicit intent: a comment two lines up, past other commands, does not cover the install",
      code: lines("FROM debian:12", "RUN apt-get update \\", "    # we want the recommends of gnupg here", "    && apt-get install -y --install-recommends gnupg \\", "    && apt-get install -y curl git make build-essential"),
      output: lines("FROM debian:12", "RUN apt-get update \\", "    # we want the recommends of gnupg here", "    && apt-get install -y --install-recommends gnupg \\", "    && apt-get install --no-install-recommends -y curl git make build-essential"),
      errors: [{ messageId: "missingNoInstallRecommends", line: 5, data: { tool: "apt-get", packages: "'curl git make' and 1 more" } }],
    },
    {
      name: "xx-apt-get install without the option, as in containerd's release image",
      code: lines("FROM debian:12", "ARG TARGETPLATFORM", "# gcc is needed for github.com/containerd/btrfs/v2", "RUN xx-apt-get install -y gcc"),
      output: lines("FROM debian:12", "ARG TARGETPLATFORM", "# gcc is needed for github.com/containerd/btrfs/v2", "RUN xx-apt-get install --no-install-recommends -y gcc"),
      errors: [{ messageId: "missingNoInstallRecommends", data: { tool: "xx-apt-get", packages: "'gcc'" } }],
    },
  ],
});
