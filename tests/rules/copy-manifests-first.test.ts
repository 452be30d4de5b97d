import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { buildTree } from "../../lib/language/tree/index.js";
import rule from "../../rules/copy-manifests-first.js";
import { lines, ruleTester } from "../rule-tester.js";

ruleTester.run("copy-manifests-first", rule, {
  valid: [
    {
      name: "manifests copied and installed before the whole context",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "RUN npm run build"),
    },
    {
      name: "a child stage that installs after its parent already did: the parent's pair is the one to fix",
      code: lines("FROM node:20.11.1 AS base", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "FROM base AS test", "RUN npm run test"),
    },
    {
      name: "a stage built FROM an image, not from the stage with the copy",
      code: lines("FROM node:20.11.1 AS src", "WORKDIR /app", "COPY . .", "FROM node:20.11.1 AS deps", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY --from=src /app /app"),
    },
    { name: "whole context followed by a build only", code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN npm run build") },
    { name: "whole context copied after the install", code: lines("FROM golang:1.22", "COPY go.mod go.sum ./", "RUN go mod download", "COPY . .") },
    {
      name: "install reads manifests through bind mounts before the copy, project install after",
      code: lines(
        "FROM python:3.12-slim",
        "WORKDIR /app",
        "RUN --mount=type=cache,target=/root/.cache/uv \\",
        "    --mount=type=bind,source=uv.lock,target=uv.lock \\",
        "    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\",
        "    uv sync --locked --no-install-project",
        "COPY . /app",
        "RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked",
      ),
    },
    {
      name: "dependencies installed from a requirements file, then the project itself",
      code: lines("FROM python:3.12", "COPY requirements.txt .", "RUN pip install -r requirements.txt", "COPY . .", "RUN pip install --no-deps -e ."),
    },
    {
      name: "poetry two-step install",
      code: lines("FROM python:3.12", "COPY pyproject.toml poetry.lock ./", "RUN poetry install --no-root", "COPY . .", "RUN poetry install"),
    },
    {
      name: "install in another stage than the copy",
      code: lines("FROM golang:1.22 AS api", "COPY . .", "RUN go build -o /api", "FROM node:20.11.1 AS web", "COPY package.json package-lock.json ./", "RUN npm ci"),
    },
    { name: "COPY --from a stage is not the build context", code: lines("FROM node:20.11.1 AS src", "FROM node:20.11.1", "COPY --from=src . .", "RUN npm ci") },
    { name: "a subdirectory is not the whole context", code: lines("FROM node:20.11.1", "COPY src/ ./src/", "RUN npm ci") },
    { name: "npm install of a named package", code: lines("FROM node:20.11.1", "COPY . .", "RUN npm install express@4.19.2") },
    { name: "global tool install", code: lines("FROM node:20.11.1", "COPY . .", "RUN npm install -g pnpm@9.1.0 && yarn global add serve") },
    { name: "yarn script is not an install", code: lines("FROM node:20.11.1", "COPY . .", "RUN yarn build") },
    { name: "pip install of named packages", code: lines("FROM python:3.12", "COPY . .", "RUN pip install --upgrade pip gunicorn") },
    { name: "cargo build compiles the project: it is the build, not an install", code: lines("FROM rust:1.79", "COPY . .", "RUN cargo build --release --locked") },
    { name: "mvn package with go-offline builds the project", code: lines("FROM maven:3.9", "COPY . .", "RUN mvn -B dependency:go-offline package") },
    {
      name: "node:onbuild style triggers copy the manifest first",
      code: lines("FROM node:20.11.1", "WORKDIR /usr/src/app", "ONBUILD COPY package.json /usr/src/app/", "ONBUILD RUN npm install", "ONBUILD COPY . /usr/src/app"),
    },
    { name: "a plain COPY does not precede an ONBUILD install", code: lines("FROM node:20.11.1", "COPY . .", "ONBUILD RUN npm install") },
    { name: "heredoc COPY is not the context", code: lines("FROM node:20.11.1", "COPY <<EOF /app/.npmrc", "audit=false", "EOF", "RUN npm ci") },
    {
      name: "PowerShell stage: no shell analysis",
      code: lines("# escape=`", "FROM mcr.microsoft.com/windows/servercore:ltsc2022", "COPY . C:/app", "RUN npm ci"),
    },
  ],
  invalid: [
    {
      name: "real world: COPY . . in a base stage, the install in a stage built FROM it continues its cache chain",
      code: lines(
        "FROM python:3.12-slim AS base",
        "WORKDIR /app",
        "COPY . .",
        "",
        "FROM base AS dev",
        "RUN pip install -r requirements-dev.txt",
        "",
        "FROM base AS prod",
        "RUN pip install --no-cache-dir -r requirements.txt",
        'CMD ["python", "-m", "app"]',
      ),
      errors: [
        { messageId: "wholeContextBeforeInstall", line: 3, column: 6, endColumn: 7, data: { keyword: "COPY", source: ".", install: "pip install -r requirements-dev.txt", line: "6", manifests: "requirements-dev.txt" }, suggestions: [] },
        { messageId: "wholeContextBeforeInstall", line: 3, column: 6, endColumn: 7, data: { keyword: "COPY", source: ".", install: "pip install -r requirements.txt", line: "9", manifests: "requirements.txt" }, suggestions: [] },
      ],
    },
    {
      name: "through two stages, and an exec-form copy",
      code: lines("FROM node:20.11.1 AS src", "WORKDIR /app", 'COPY [".", "."]', "FROM src AS tools", "RUN apt-get update", "FROM tools AS deps", "RUN npm ci"),
      errors: [{ messageId: "wholeContextBeforeInstall", line: 3, data: { keyword: "COPY", source: ".", install: "npm ci", line: "7", manifests: "package.json package-lock.json" }, suggestions: [] }],
    },
    {
      name: "COPY . . before npm ci",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN npm ci", "RUN npm run build"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: ".", install: "npm ci", line: "4", manifests: "package.json package-lock.json" },
          line: 3,
          column: 6,
          endLine: 3,
          endColumn: 7,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              data: { keyword: "COPY", source: ".", install: "npm ci", line: "4", manifests: "package.json package-lock.json" },
              output: lines("FROM node:20.11.1", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "RUN npm run build"),
            },
          ],
        },
      ],
    },
    {
      name: "install chained with the build: the install is taken out, the build stays; WORKDIR between",
      code: lines(
        "FROM node:20.11.1",
        "COPY --chown=node:node --exclude=*.md . /app",
        "WORKDIR /app",
        "# install and build",
        "RUN --mount=type=cache,target=/root/.npm npm ci && \\",
        "    npm run build",
      ),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 2,
          column: 39,
          endColumn: 40,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM node:20.11.1",
                "WORKDIR /app",
                "COPY --chown=node:node package.json package-lock.json /app/",
                "RUN --mount=type=cache,target=/root/.npm npm ci",
                "COPY --chown=node:node --exclude=*.md . /app",
                "WORKDIR /app",
                "# install and build",
                "RUN --mount=type=cache,target=/root/.npm npm run build",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "cd into a subproject, install and build: split, the cd kept on both sides",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN cd frontend && npm ci && npm run build"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              data: { keyword: "COPY", source: ".", install: "npm ci", line: "4", manifests: "frontend/package.json frontend/package-lock.json" },
              output: lines(
                "FROM node:20.11.1",
                "WORKDIR /app",
                "COPY frontend/package.json frontend/package-lock.json ./frontend/",
                "RUN cd frontend && npm ci",
                "COPY . .",
                "RUN cd frontend && npm run build",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "pip requirements file in a subdirectory, with a pip upgrade in the same RUN",
      code: lines(
        "FROM python:3.12-slim",
        "WORKDIR /srv",
        "COPY . .",
        "",
        "RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements/prod.txt",
        "",
        'CMD ["gunicorn", "app:app"]',
      ),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: ".", install: "pip install -r requirements/prod.txt", line: "5", manifests: "requirements/prod.txt" },
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM python:3.12-slim",
                "WORKDIR /srv",
                "COPY requirements/prod.txt ./requirements/",
                "RUN pip install --upgrade pip && pip install --no-cache-dir -r requirements/prod.txt",
                "COPY . .",
                "",
                'CMD ["gunicorn", "app:app"]',
              ),
            },
          ],
        },
      ],
    },
    {
      name: "poetry install: a dependencies-only install goes above, the project install stays",
      code: lines("FROM python:3.12", "WORKDIR /srv", "COPY . .", "RUN poetry install --no-interaction"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM python:3.12",
                "WORKDIR /srv",
                "COPY pyproject.toml poetry.lock* ./",
                "RUN poetry install --no-root --no-interaction",
                "COPY . .",
                "RUN poetry install --no-interaction",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "uv sync: dependencies first with --no-install-project",
      code: lines("FROM python:3.12", "WORKDIR /app", "COPY . /app", "RUN uv sync --locked"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM python:3.12",
                "WORKDIR /app",
                "COPY pyproject.toml uv.lock /app/",
                "RUN uv sync --no-install-project --locked",
                "COPY . /app",
                "RUN uv sync --locked",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "exec form COPY and exec form RUN: the message shows the source's value, not its JSON quotes",
      code: lines("FROM golang:1.22", "WORKDIR /src", 'COPY [".", "."]', 'RUN ["go", "mod", "download"]'),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: ".", install: "go mod download", line: "4", manifests: "go.mod go.sum" },
          line: 3,
          column: 7,
          endColumn: 10,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM golang:1.22", "WORKDIR /src", "COPY go.mod go.sum ./", 'RUN ["go", "mod", "download"]', 'COPY [".", "."]'),
            },
          ],
        },
      ],
    },
    {
      name: "ADD . with an absolute destination and cd into it",
      code: lines("FROM node:20.11.1", "ADD . /var/www", "RUN cd /var/www && npm install"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "ADD", source: ".", install: "npm install", line: "3", manifests: "package.json package-lock.json" },
          line: 2,
          column: 5,
          endColumn: 6,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM node:20.11.1", "COPY package.json package-lock.json* /var/www/", "RUN cd /var/www && npm install", "ADD . /var/www"),
            },
          ],
        },
      ],
    },
    {
      name: "COPY --link ./* with a bare yarn",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY --link ./* ./", "RUN yarn --frozen-lockfile"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          column: 13,
          endColumn: 16,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM node:20.11.1", "WORKDIR /app", "COPY --link package.json yarn.lock ./", "RUN yarn --frozen-lockfile", "COPY --link ./* ./"),
            },
          ],
        },
      ],
    },
    {
      name: "lowercase instructions, COPY * and bundle install",
      code: lines("from ruby:3.3", "workdir /app", "copy * ./", "run bundle install --jobs 4"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "copy", source: "*", install: "bundle install", line: "4", manifests: "Gemfile Gemfile.lock" },
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("from ruby:3.3", "workdir /app", "copy Gemfile Gemfile.lock* ./", "run bundle install --jobs 4", "copy * ./"),
            },
          ],
        },
      ],
    },
    {
      name: "backtick escape, CRLF and a continued RUN moved whole",
      code: "# escape=`\r\nFROM node:20.11.1\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci `\r\n    --omit=dev\r\nCMD [\"node\", \"index.js\"]\r\n",
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 4,
          column: 6,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: "# escape=`\r\nFROM node:20.11.1\r\nWORKDIR /app\r\nCOPY package.json package-lock.json ./\r\nRUN npm ci `\r\n    --omit=dev\r\nCOPY . .\r\nCMD [\"node\", \"index.js\"]\r\n",
            },
          ],
        },
      ],
    },
    {
      name: "ONBUILD triggers: the suggestion keeps ONBUILD",
      code: lines("FROM node:20.11.1", "WORKDIR /usr/src/app", "ONBUILD COPY . /usr/src/app", "ONBUILD RUN npm install"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 3,
          column: 14,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM node:20.11.1",
                "WORKDIR /usr/src/app",
                "ONBUILD COPY package.json package-lock.json* /usr/src/app/",
                "ONBUILD RUN npm install",
                "ONBUILD COPY . /usr/src/app",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "a RUN between the copy and the install: no suggestion (the install may need it)",
      code: lines("FROM node:22", "WORKDIR /src", "COPY . .", "RUN npm install -g npm@11", "RUN npm ci", "RUN npm run lint"),
      errors: [{ messageId: "wholeContextBeforeInstall", line: 3, suggestions: [] }],
    },
    {
      name: "ENV between the copy and the install: no suggestion",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "ENV NODE_ENV=production", "RUN npm ci"),
      errors: [{ messageId: "wholeContextBeforeInstall", suggestions: [] }],
    },
    {
      name: "pip install -e . needs the sources",
      code: lines("FROM python:3.12", "WORKDIR /app", "COPY . .", "RUN pip install -e .[dev]"),
      errors: [{ messageId: "wholeContextBeforeProjectInstall", data: { keyword: "COPY", source: ".", install: "pip install -e .[dev]", line: "4", manifests: "" }, suggestions: [] }],
    },
    {
      name: "cargo fetch needs the targets",
      code: lines("FROM rust:1.79", "WORKDIR /src", "COPY . .", "RUN cargo fetch --locked", "RUN cargo build --release --offline"),
      errors: [{ messageId: "wholeContextBeforeProjectInstall", suggestions: [] }],
    },
    {
      name: "two whole-context copies: both reported, the first one suggested",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "COPY . /app", "RUN npm ci"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 3,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM node:20.11.1", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY . .", "COPY . /app"),
            },
          ],
        },
        { messageId: "wholeContextBeforeInstall", line: 4, suggestions: [] },
      ],
    },
    {
      name: "manifests already copied above: the suggestion only moves the install",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY package*.json ./", "COPY . .", "RUN npm ci"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 4,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM node:20.11.1", "WORKDIR /app", "COPY package*.json ./", "RUN npm ci", "COPY . ."),
            },
          ],
        },
      ],
    },
    {
      name: "Maven wrapper copies its .mvn directory too; a comment above the RUN moves with it",
      code: lines("FROM eclipse-temurin:21-jdk", "WORKDIR /build", "COPY . .", "# warm the local repository", "RUN ./mvnw -B dependency:go-offline", "RUN ./mvnw -B -o package"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: ".", install: "./mvnw dependency:go-offline", line: "5", manifests: "mvnw pom.xml" },
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM eclipse-temurin:21-jdk",
                "WORKDIR /build",
                "COPY mvnw pom.xml ./",
                "COPY .mvn ./.mvn/",
                "# warm the local repository",
                "RUN ./mvnw -B dependency:go-offline",
                "COPY . .",
                "RUN ./mvnw -B -o package",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "mvn -B dependency:resolve",
      code: lines("FROM maven:3.9-eclipse-temurin-21", "WORKDIR /build", "COPY . .", "RUN mvn -B dependency:resolve"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [{ messageId: "copyManifestsFirst", output: lines("FROM maven:3.9-eclipse-temurin-21", "WORKDIR /build", "COPY pom.xml ./", "RUN mvn -B dependency:resolve", "COPY . .") }],
        },
      ],
    },
    {
      name: "gradle dependencies",
      code: lines("FROM gradle:8.8-jdk21", "WORKDIR /home/gradle/src", "COPY . .", "RUN gradle dependencies --no-daemon"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM gradle:8.8-jdk21",
                "WORKDIR /home/gradle/src",
                "COPY build.gradle* settings.gradle* gradle.properties* ./",
                "RUN gradle dependencies --no-daemon",
                "COPY . .",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "dotnet restore of a named project",
      code: lines("FROM mcr.microsoft.com/dotnet/sdk:8.0", "WORKDIR /source", "COPY . .", "RUN dotnet restore src/Api/Api.csproj", "RUN dotnet publish src/Api -c Release -o /app"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM mcr.microsoft.com/dotnet/sdk:8.0",
                "WORKDIR /source",
                "COPY src/Api/Api.csproj ./src/Api/",
                "RUN dotnet restore src/Api/Api.csproj",
                "COPY . .",
                "RUN dotnet publish src/Api -c Release -o /app",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "composer install: dependencies without scripts and autoloader first",
      code: lines("FROM composer:2.7", "WORKDIR /app", "COPY . .", "RUN composer install --no-dev"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM composer:2.7",
                "WORKDIR /app",
                "COPY composer.json composer.lock* ./",
                "RUN composer install --no-scripts --no-autoloader --no-dev",
                "COPY . .",
                "RUN composer install --no-dev",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "mix deps.get, pipenv, pnpm and npm --prefix",
      code: lines(
        "FROM elixir:1.16",
        "WORKDIR /app",
        "COPY . .",
        "RUN mix deps.get --only prod",
        "FROM python:3.12 AS py",
        "COPY . .",
        "RUN pipenv install --system --deploy",
        "FROM node:20.11.1 AS pn",
        "WORKDIR /repo",
        "COPY . .",
        "RUN pnpm install --frozen-lockfile",
        "FROM node:20.11.1 AS web",
        "WORKDIR /repo",
        "COPY . .",
        "RUN npm --prefix web ci",
      ),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 3,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM elixir:1.16", "WORKDIR /app", "COPY mix.exs mix.lock* ./", "RUN mix deps.get --only prod", "COPY . .",
                "FROM python:3.12 AS py", "COPY . .", "RUN pipenv install --system --deploy",
                "FROM node:20.11.1 AS pn", "WORKDIR /repo", "COPY . .", "RUN pnpm install --frozen-lockfile",
                "FROM node:20.11.1 AS web", "WORKDIR /repo", "COPY . .", "RUN npm --prefix web ci",
              ),
            },
          ],
        },
        {
          messageId: "wholeContextBeforeInstall",
          line: 6,
          data: { keyword: "COPY", source: ".", install: "pipenv install", line: "7", manifests: "Pipfile Pipfile.lock" },
          // No WORKDIR in the stage: the base image's directory is unknown, but relative paths still line up.
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM elixir:1.16", "WORKDIR /app", "COPY . .", "RUN mix deps.get --only prod",
                "FROM python:3.12 AS py", "COPY Pipfile Pipfile.lock ./", "RUN pipenv install --system --deploy", "COPY . .",
                "FROM node:20.11.1 AS pn", "WORKDIR /repo", "COPY . .", "RUN pnpm install --frozen-lockfile",
                "FROM node:20.11.1 AS web", "WORKDIR /repo", "COPY . .", "RUN npm --prefix web ci",
              ),
            },
          ],
        },
        {
          messageId: "wholeContextBeforeInstall",
          line: 10,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM elixir:1.16", "WORKDIR /app", "COPY . .", "RUN mix deps.get --only prod",
                "FROM python:3.12 AS py", "COPY . .", "RUN pipenv install --system --deploy",
                "FROM node:20.11.1 AS pn", "WORKDIR /repo", "COPY package.json pnpm-lock.yaml ./", "RUN pnpm install --frozen-lockfile", "COPY . .",
                "FROM node:20.11.1 AS web", "WORKDIR /repo", "COPY . .", "RUN npm --prefix web ci",
              ),
            },
          ],
        },
        {
          messageId: "wholeContextBeforeInstall",
          line: 14,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM elixir:1.16", "WORKDIR /app", "COPY . .", "RUN mix deps.get --only prod",
                "FROM python:3.12 AS py", "COPY . .", "RUN pipenv install --system --deploy",
                "FROM node:20.11.1 AS pn", "WORKDIR /repo", "COPY . .", "RUN pnpm install --frozen-lockfile",
                "FROM node:20.11.1 AS web", "WORKDIR /repo", "COPY web/package.json web/package-lock.json ./web/", "RUN npm --prefix web ci", "COPY . .",
              ),
            },
          ],
        },
      ],
    },
    {
      name: "source from an ARG default",
      code: lines("FROM node:20.11.1", "ARG SRC=.", "WORKDIR /app", "COPY ${SRC} .", "RUN npm ci"),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: "${SRC}", install: "npm ci", line: "5", manifests: "package.json package-lock.json" },
          column: 6,
          endColumn: 12,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines("FROM node:20.11.1", "ARG SRC=.", "WORKDIR /app", "COPY package.json package-lock.json ./", "RUN npm ci", "COPY ${SRC} ."),
            },
          ],
        },
      ],
    },
    {
      name: "interpreter named through a variable (real world: pytorch/serve)",
      code: lines("FROM ubuntu:22.04", "ARG PYTHON_VERSION=3.11", "COPY ./ serve", "WORKDIR /serve", 'RUN python$PYTHON_VERSION -m pip install -r requirements/developer.txt'),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          data: { keyword: "COPY", source: "./", install: "python$PYTHON_VERSIO…ments/developer.txt", line: "5", manifests: "requirements/developer.txt" },
          line: 3,
          column: 6,
          endColumn: 8,
          // The base image's directory is unknown, so `serve` cannot be matched with `/serve`.
          suggestions: [],
        },
      ],
    },
    {
      name: "install inside sh -c: reported, no suggestion",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN sh -c 'npm ci'"),
      errors: [{ messageId: "wholeContextBeforeInstall", suggestions: [] }],
    },
    {
      name: "install among other commands in the middle of the RUN: no suggestion",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN npm run prepare && npm ci && npm run build"),
      errors: [{ messageId: "wholeContextBeforeInstall", suggestions: [] }],
    },
    {
      name: "relative WORKDIR after the copy cannot be matched with an unknown base directory",
      code: lines("FROM node:20.11.1", "COPY . app", "WORKDIR app", "RUN npm ci"),
      errors: [{ messageId: "wholeContextBeforeInstall", suggestions: [] }],
    },
    {
      name: "install in another directory than the copy's destination",
      code: lines("FROM node:20.11.1", "WORKDIR /app", "COPY . /src", "RUN npm ci"),
      errors: [{ messageId: "wholeContextBeforeInstall", suggestions: [] }],
    },
    {
      name: "real world: distroless Node.js example, COPY . /app then WORKDIR /app then npm ci",
      code: lines("FROM node:22 AS build-env", "COPY . /app", "WORKDIR /app", "", "RUN npm ci --omit=dev", "", "FROM gcr.io/distroless/nodejs22-debian12", "COPY --from=build-env /app /app", "WORKDIR /app", 'CMD ["hello.js"]'),
      errors: [
        {
          messageId: "wholeContextBeforeInstall",
          line: 2,
          suggestions: [
            {
              messageId: "copyManifestsFirst",
              output: lines(
                "FROM node:22 AS build-env",
                "WORKDIR /app",
                "COPY package.json package-lock.json /app/",
                "RUN npm ci --omit=dev",
                "COPY . /app",
                "WORKDIR /app",
                "",
                "FROM gcr.io/distroless/nodejs22-debian12",
                "COPY --from=build-env /app /app",
                "WORKDIR /app",
                'CMD ["hello.js"]',
              ),
            },
          ],
        },
      ],
    },
  ],
});

describe("copy-manifests-first suggestions give valid Dockerfiles", () => {
  const linter = new Linter({ configType: "flat" });
  const config = [
    { files: ["**/Dockerfile"], plugins: { dockerfile: plugin }, language: "dockerfile/dockerfile", rules: { "dockerfile/copy-manifests-first": "warn" as const } },
  ];
  const cases = [
    lines("FROM node:20.11.1", "WORKDIR /app", "COPY . .", "RUN npm ci", "RUN npm run build"),
    lines("FROM node:20.11.1", "COPY --chown=node:node . /app", "WORKDIR /app", "RUN --mount=type=cache,target=/root/.npm npm ci && \\", "    npm run build"),
    lines("FROM python:3.12", "WORKDIR /srv", "COPY . .", "RUN poetry install --no-interaction"),
    lines("FROM eclipse-temurin:21-jdk", "WORKDIR /build", "COPY . .", "# warm", "RUN ./mvnw -B dependency:go-offline"),
    "# escape=`\r\nFROM node:20.11.1\r\nWORKDIR /app\r\nCOPY . .\r\nRUN npm ci `\r\n    --omit=dev\r\n",
    lines("FROM node:20.11.1", "WORKDIR /usr/src/app", "ONBUILD COPY . /usr/src/app", "ONBUILD RUN npm install"),
  ];
  for (const code of cases) {
    it(`applies cleanly: ${code.split(/\r?\n/u)[3] ?? ""}`, () => {
      const [message] = linter.verify(code, config, { filename: "Dockerfile" });
      const fix = message?.suggestions?.[0]?.fix;
      expect(fix).toBeDefined();
      if (!fix) return;
      const output = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
      const before = buildTree(code).ast.body;
      const after = buildTree(output).ast.body;
      expect(after.some((node) => node.type === "Unknown")).toBe(false);
      // One manifests COPY (two with a wrapper directory) and, when the install stays, one RUN more.
      const added = after.length - before.length;
      expect(added).toBeGreaterThanOrEqual(1);
      expect(added).toBeLessThanOrEqual(3);
      // After the suggestion, nothing is left to report in that stage.
      const again = linter.verify(output, config, { filename: "Dockerfile" });
      expect(again).toEqual([]);
    });
  }
});
