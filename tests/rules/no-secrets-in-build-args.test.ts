import rule from "../../rules/no-secrets-in-build-args.js";
import { lines, ruleTester } from "../rule-tester.js";

const FINGERPRINT = "A035C8C19219BA821ECEA86B64E628F8D684696D";

ruleTester.run("no-secrets-in-build-args", rule, {
  valid: [
    { name: "no ARG, no ENV", code: lines("FROM debian:bookworm", "RUN foobar") },
    { name: "ordinary names", code: lines("ARG foobar", "FROM debian:bookworm", "ENV NODE_ENV=production KEYCLOAK_VERSION=25.0.1") },
    { name: "a word inside another word is not a secret word (sunflower, monkey, bypass)", code: lines("FROM scratch", "ENV sunflower=foo MONKEY=1 BYPASS=0") },
    { name: "TOKENIZERS is not the word token", code: lines("FROM python:3.12.4", "ENV TOKENIZERS_PARALLELISM=false") },
    { name: "AUTHORS and GIT_AUTHOR are not auth", code: lines("FROM scratch", "ARG AUTHORS=SeleniumHQ", "ENV GIT_AUTHOR=bot") },
    { name: "PWD alone is the working directory", code: lines("FROM scratch", "ENV PWD=/app") },
    { name: "public keys and public tokens (BuildKit's allow list)", code: lines("FROM scratch", "ENV PUBLIC_KEY=", "ARG public_token") },
    {
      name: "names that describe a secret: file, path, version, id after the secret word",
      code: lines(
        "FROM scratch",
        "ARG SECRET_PASSPHRASE_FILE",
        "ENV password_file=bar secret_File=baz",
        "ARG AUTH_MODULE_VERSION",
        "ARG AWS_ACCESS_KEY_ID",
        "ENV TOKEN_URL=https://auth.example.com/token SECRET_NAME=db-credentials",
      ),
    },
    { name: "GPG_KEY holding a fingerprint (python official image)", code: lines("FROM buildpack-deps:bookworm", `ENV GPG_KEY ${FINGERPRINT}`) },
    {
      name: "a signing key holding fingerprints, also through an ARG (swift official image)",
      code: lines("FROM ubuntu:24.04", `ARG SWIFT_SIGNING_KEY=${FINGERPRINT}`, "ENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY"),
    },
    {
      name: "a list of fingerprints (php official image)",
      code: lines("FROM debian:bookworm-slim", `ENV API_KEYS="${FINGERPRINT} 0x39B641343D8C104B2B146DC3F9C39DC0B9698544"`),
    },
    { name: "a boolean switch is not a secret", code: lines("FROM node:20.11.1", "ENV TS_DISABLE_TOKEN_AUTHORIZATION=true") },
    {
      name: "a file path is where the secret lives, not the secret (docker-selenium)",
      code: lines("FROM ubuntu:24.04", 'ENV SE_HTTPS_PRIVATE_KEY="/opt/selenium/secrets/tls.key" \\', '    SE_JAVA_SSL_TRUST_STORE_PASSWORD="/opt/selenium/secrets/server.pass"'),
    },
    { name: "allow option", code: lines("FROM scratch", "ARG NPM_TOKEN"), options: [{ allow: ["^npm_token$"] }] },
    {
      name: "rotation markers are dates or counters that secret-cache-bust asks to pass",
      code: lines("FROM node:20.11.1", "ARG NPM_TOKEN_ROTATED_AT", "ARG SECRET_ROTATION=3", "ARG GITHUB_TOKEN_VERSION=2", "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci"),
    },
    { name: "a URL with a user and no password, or a password from another variable", code: lines("FROM alpine:3.20", "ARG MIRROR=https://deploy@git.example.com/repo.git", "ARG DB_USER", 'ENV DATABASE_URL="postgres://${DB_USER}:${DB_PASSWORD_FROM_RUNTIME}@db:5432/app"') },
    {
      name: "a variable written to a file that holds no credentials, or read from a credential file",
      code: lines("FROM alpine:3.20", "ARG GREETING", 'RUN echo "$GREETING" > /etc/motd && echo "PATH=$PATH" >> /home/ducker/.ssh/environment', "ARG REGISTRY", "RUN grep \"$REGISTRY\" ~/.npmrc"),
    },
    { name: "a variable written to a credential file in another stage", code: lines("FROM alpine:3.20 AS a", "ARG GH_PAT", "FROM alpine:3.20", 'RUN echo "$GH_PAT" > ~/.npmrc') },
    { name: "allow wins over deny", code: lines("FROM scratch", "ARG BUILD_SALT"), options: [{ allow: ["salt"], deny: ["salt"] }] },
    { name: "allow also matches the snake_case form", code: lines("FROM scratch", "ARG npmAuthToken"), options: [{ allow: ["^npm_auth_token$"] }] },
  ],
  invalid: [
    {
      name: "a token written to a credential file, whatever its name: .npmrc, an SSH key, a heredoc into .netrc",
      code: lines(
        "FROM node:20.11.1",
        "ARG GH_PAT",
        "ARG ID_RSA",
        "ARG MACHINE_LOGIN",
        'RUN echo "//npm.pkg.github.com/:_authToken=${GH_PAT}" > ~/.npmrc \\',
        '  && mkdir -p /root/.ssh && echo "$ID_RSA" > /root/.ssh/id_rsa && chmod 600 /root/.ssh/id_rsa',
        "RUN cat > $HOME/.netrc <<EOF",
        "machine github.com login ${MACHINE_LOGIN}",
        "EOF",
      ),
      errors: [
        { messageId: "secretArg", line: 2, column: 5, endColumn: 11, data: { name: "GH_PAT", reason: "it is written to '~/.npmrc'" } },
        { messageId: "secretArg", line: 3, data: { name: "ID_RSA", reason: "it is written to '/root/.ssh/id_rsa'" } },
        { messageId: "secretArg", line: 4, data: { name: "MACHINE_LOGIN", reason: "it is written to '$HOME/.netrc'" } },
      ],
    },
    {
      name: "real world: a password in a URL default (umami's build-time DATABASE_URL)",
      code: lines("FROM node:22-alpine AS builder", "ARG BASE_PATH", "ENV BASE_PATH=$BASE_PATH", 'ENV DATABASE_URL="postgresql://user:pass@localhost:5432/dummy"', "RUN npm run build-docker"),
      errors: [{ messageId: "secretEnv", line: 4, column: 5, endColumn: 17, data: { name: "DATABASE_URL", reason: "its value has a password in a URL" } }],
    },
    {
      name: "a password in an ARG default URL, also through another ARG",
      code: lines("FROM alpine:3.20", "ARG PASS=hunter2", "ARG PIP_INDEX=https://ci:${PASS}@pypi.example.com/simple", "ARG REPO=git+https://bot:s3cr3t@github.com/org/repo.git"),
      errors: [
        { messageId: "secretArg", line: 3, data: { name: "PIP_INDEX", reason: "its value has a password in a URL" } },
        { messageId: "secretArg", line: 4, data: { name: "REPO", reason: "its value has a password in a URL" } },
      ],
    },
    {
      name: "ARG with a secret word (BuildKit: SECRET_PASSPHRASE)",
      code: lines("FROM scratch", "ARG SECRET_PASSPHRASE"),
      errors: [{ messageId: "secretArg", data: { name: "SECRET_PASSPHRASE", reason: "the word 'secret'" }, line: 2, column: 5, endLine: 2, endColumn: 22 }],
    },
    {
      name: "ENV names in any case, several per instruction (BuildKit's cases)",
      code: lines("FROM scratch", "ENV SUPER_Secret=foo", "ENV password=bar secret=baz", "ARG super_duper_secret_token=foo auth=bar", "ENV apikey=bar sunflower=foo", "ENV git_key="),
      errors: [
        { messageId: "secretEnv", line: 2, column: 5, endColumn: 17 },
        { messageId: "secretEnv", line: 3, column: 5, endColumn: 13 },
        { messageId: "secretEnv", line: 3, column: 18, endColumn: 24 },
        { messageId: "secretArg", line: 4, column: 5, endColumn: 29, data: { name: "super_duper_secret_token", reason: "the word 'secret'" } },
        { messageId: "secretArg", line: 4, column: 34, endColumn: 38, data: { name: "auth", reason: "the word 'auth'" } },
        { messageId: "secretEnv", line: 5, column: 5, endColumn: 11 },
      ],
    },
    {
      name: "hadolint's cases: GITHUB_TOKEN, db_password, openai_api_key",
      code: lines("ARG GITHUB_TOKEN", "FROM debian:bookworm", "ENV db_password=x", "ARG openai_api_key"),
      errors: [
        { messageId: "secretArg", line: 1, data: { name: "GITHUB_TOKEN", reason: "the word 'token'" } },
        { messageId: "secretEnv", line: 3, data: { name: "db_password", reason: "the word 'password'" } },
        { messageId: "secretArg", line: 4, data: { name: "openai_api_key", reason: "the word 'api key'" } },
      ],
    },
    {
      name: "AWS secret access key",
      code: lines("FROM scratch", "ARG AWS_SECRET_ACCESS_KEY"),
      errors: [{ messageId: "secretArg", data: { name: "AWS_SECRET_ACCESS_KEY", reason: "the word 'secret'" } }],
    },
    {
      name: "camelCase words",
      code: lines("FROM node:20.11.1", "ARG npmAuthToken", "ARG APIKey"),
      errors: [
        { messageId: "secretArg", data: { name: "npmAuthToken", reason: "the word 'auth'" } },
        { messageId: "secretArg", data: { name: "APIKey", reason: "the word 'api key'" } },
      ],
    },
    {
      name: "short password words at the end, and password compounds",
      code: lines("FROM scratch", "ENV DB_PASS=x MYSQL_PWD=y", "ARG VNCPASSWD=zephyr"),
      errors: [
        { messageId: "secretEnv", data: { name: "DB_PASS", reason: "the word 'pass'" } },
        { messageId: "secretEnv", data: { name: "MYSQL_PWD", reason: "the word 'pwd'" } },
        { messageId: "secretArg", data: { name: "VNCPASSWD", reason: "the word 'vncpasswd'" } },
      ],
    },
    {
      name: "private and SSH keys",
      code: lines("FROM alpine:3.20", "ARG SSH_PRIVATE_KEY", "ARG SSH_KEY"),
      errors: [
        { messageId: "secretArg", data: { name: "SSH_PRIVATE_KEY", reason: "the word 'private key'" } },
        { messageId: "secretArg", data: { name: "SSH_KEY", reason: "the word 'ssh key'" } },
      ],
    },
    {
      name: "every name of a multi-name ARG",
      code: lines("FROM node:20.11.1", "ARG NPM_TOKEN GITHUB_TOKEN \\", "    MODE=ci"),
      errors: [
        { messageId: "secretArg", line: 2, column: 5, endColumn: 14 },
        { messageId: "secretArg", line: 2, column: 15, endColumn: 27 },
      ],
    },
    {
      name: "a descriptor word before the secret word still names a secret",
      code: lines("FROM scratch", "ARG FILE_PASSWORD", "ARG ID_TOKEN"),
      errors: [{ messageId: "secretArg", line: 2 }, { messageId: "secretArg", line: 3 }],
    },
    {
      name: "legacy ENV form, empty value, quoted value",
      code: lines("FROM mcr.microsoft.com/mssql/server:2022-latest", "ENV sa_password g0rd0n1!", "ENV PHOTOPRISM_DATABASE_PASSWORD=\"\"", "ENV COSIGN_PASSWORD='Harbor12345'"),
      errors: [
        { messageId: "secretEnv", line: 2, column: 5, endColumn: 16 },
        { messageId: "secretEnv", line: 3 },
        { messageId: "secretEnv", line: 4 },
      ],
    },
    {
      name: "ENV copying a secret ARG reports both",
      code: lines("FROM php:8.3.8-fpm", "ARG COMPOSER_AUTH='{}'", "ENV COMPOSER_AUTH=${COMPOSER_AUTH}"),
      errors: [{ messageId: "secretArg", line: 2 }, { messageId: "secretEnv", line: 3 }],
    },
    {
      name: "ONBUILD ARG and lowercase instructions",
      code: lines("from alpine:3.20", "onbuild arg NPM_TOKEN", "env Api-Key=x"),
      errors: [
        { messageId: "secretArg", line: 2, column: 13, endColumn: 22 },
        { messageId: "secretEnv", line: 3, column: 5, endColumn: 12 },
      ],
    },
    {
      name: "CRLF, backtick escape and a continuation",
      code: "# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nENV FEED_URL=https://pkgs.example.com `\r\n    FEED_TOKEN=abc\r\n",
      errors: [{ messageId: "secretEnv", line: 4, column: 5, endColumn: 15 }],
    },
    {
      name: "deny adds names, whatever their words or value",
      code: lines("FROM scratch", `ENV GPG_KEY=${FINGERPRINT}`, "ARG BUILD_SALT"),
      options: [{ deny: ["^gpg_key$", "salt"] }],
      errors: [
        { messageId: "secretEnv", data: { name: "GPG_KEY", reason: "it matches the 'deny' option" } },
        { messageId: "secretArg", data: { name: "BUILD_SALT", reason: "it matches the 'deny' option" } },
      ],
    },
    {
      name: "real world: a Hugging Face token passed as a build argument (TorchServe example)",
      code: lines("FROM pytorch/torchserve:0.12.0-gpu", "ARG HUGGINGFACE_TOKEN", "RUN huggingface-cli login --token ${HUGGINGFACE_TOKEN}"),
      errors: [{ messageId: "secretArg", line: 2, column: 5, endColumn: 22 }],
    },
  ],
});
