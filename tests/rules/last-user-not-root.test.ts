import rule from "../../rules/last-user-not-root.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("last-user-not-root", rule, {
  valid: [
    { name: "a non-root user (hadolint)", code: lines("FROM scratch", "USER foo") },
    { name: "switching back to a non-root user (hadolint)", code: lines("FROM scratch", "USER root", "RUN something", "USER foo") },
    { name: "root only in a builder stage (hadolint warns; only the final stage counts here)", code: lines("FROM debian as base", "USER root", "RUN something", "FROM scratch", "USER foo", "RUN something else") },
    { name: "the root stage is switched back before it is built on (hadolint)", code: lines("FROM debian as base", "USER root", "RUN something", "USER foo", "FROM scratch", "RUN something else") },
    { name: "no USER at all: the base image decides", code: lines("FROM node:20", "RUN npm ci") },
    { name: "numeric non-root user and group", code: lines("FROM alpine:3.20", "USER 10001:10001") },
    { name: "a user named like root is not root", code: lines("FROM alpine:3.20", "USER rootless") },
    { name: "UID 0 of a group is not the user", code: lines("FROM alpine:3.20", "USER app:0") },
    { name: "a variable with no default is decided at build time", code: lines("FROM alpine:3.20", "ARG RUN_AS", "USER $RUN_AS") },
    { name: "a variable whose default is not root", code: lines("FROM alpine:3.20", "ARG UID=10001", "USER ${UID}") },
    { name: "the final stage sets its own user, whatever its parent had", code: lines("FROM debian:12 AS base", "USER root", "FROM base", "USER app") },
    { name: "ONBUILD USER applies to another build", code: lines("FROM alpine:3.20", "USER app", "ONBUILD USER root") },
    { name: "lower-case instructions", code: lines("from alpine:3.20", "user root", "run apk add curl", "user nobody") },
  ],
  invalid: [
    {
      name: "USER root (hadolint)",
      code: lines("FROM scratch", "USER root"),
      errors: [{ messageId: "rootUser", line: 2, column: 6, endColumn: 10 }],
    },
    {
      name: "USER 0 (hadolint)",
      code: lines("FROM scratch", "USER 0"),
      errors: [{ messageId: "rootUser", column: 6, endColumn: 7 }],
    },
    {
      name: "USER root:root (hadolint)",
      code: lines("FROM scratch", "USER root:root"),
      errors: [{ messageId: "rootUser", column: 6, endColumn: 15 }],
    },
    {
      name: "USER 0:0 (hadolint)",
      code: lines("FROM scratch", "USER 0:0"),
      errors: [{ messageId: "rootUser" }],
    },
    {
      name: "root inherited from the parent stage (hadolint)",
      code: lines("FROM debian as base", "USER root", "RUN something", "FROM base", "RUN something else"),
      errors: [{ messageId: "inheritedRootUser", line: 2, data: { user: "root", stage: "base" } }],
    },
    {
      name: "root after a non-root user",
      code: lines("FROM node:20", "USER node", "RUN npm ci", "USER root"),
      errors: [{ messageId: "rootUser", line: 4 }],
    },
    {
      name: "root from an ARG default, quoted",
      code: lines("FROM debian:12-slim", "ARG USER_ID=0", 'USER "$USER_ID:$USER_ID"'),
      errors: [{ messageId: "rootUser", line: 3, column: 6, endColumn: 25 }],
    },
    {
      name: "lower case, CRLF",
      code: "from alpine:3.20\r\nuser root\r\n",
      errors: [{ messageId: "rootUser", line: 2, column: 6, endColumn: 10 }],
    },
    {
      name: "real world: phpMyAdmin-style image that switches to root to run its entrypoint",
      code: lines("FROM php:8.2-apache", "RUN set -ex; docker-php-ext-install mysqli", "USER www-data", "RUN composer install", "USER root", 'ENTRYPOINT ["/docker-entrypoint.sh"]', 'CMD ["apache2-foreground"]'),
      errors: [{ messageId: "rootUser", line: 5 }],
    },
  ],
});
