/** Images in Compose files, GitHub Actions workflows and GitLab CI files. */
import pinBaseImage from "../../rules/pin-base-image.js";
import allowedRegistries from "../../rules/allowed-registries.js";
import { lines, yamlTester } from "./format-tester.js";

const DIGEST = `sha256:${"b2".repeat(32)}`;

yamlTester.run("pin-base-image (Compose)", pinBaseImage, {
  valid: [
    {
      name: "Compose's documented example with pinned tags",
      filename: "compose.yaml",
      code: lines(
        "services:",
        "  frontend:",
        "    image: example/webapp:1.4.0",
        "    ports:",
        '      - "443:8043"',
        "  backend:",
        "    image: example/database:16.3",
        "    volumes:",
        "      - db-data:/etc/data",
        "volumes:",
        "  db-data: {}",
      ),
    },
    { name: "a service that is built tags its own image", filename: "compose.yaml", code: lines("services:", "  app:", "    build: .", "    image: myapp") },
    { name: "build only", filename: "docker-compose.yml", code: lines("services:", "  app:", "    build:", "      context: .") },
    { name: "variables decide the image when Compose runs", filename: "compose.yaml", code: lines("services:", "  db:", "    image: postgres:${PG_TAG:-16}") },
    { name: "a digest pins it", filename: "compose.yaml", code: lines("services:", "  db:", `    image: postgres@${DIGEST}`) },
    { name: "not a Compose file by name", filename: "config/app.yaml", code: lines("services:", "  db:", "    image: postgres") },
    { name: "allow applies as in Dockerfiles", filename: "compose.yaml", code: lines("services:", "  a:", "    image: internal.example/tools"), options: [{ allow: ["internal.example/**"] }] },
    { name: "an image that is not a string", filename: "compose.yaml", code: lines("services:", "  a:", "    image: [x]") },
    { name: "channel tags: a dated snapshot names one release, and the floating option narrows the list", filename: "compose.yaml", code: lines("services:", "  a:", "    image: debian:stable-20240110-slim", "  b:", "    image: node:lts"), options: [{ floating: ["latest"] }] },
    { name: "an empty file", filename: "compose.yaml", code: "" },
    { name: "a comment-only file", filename: "compose.yaml", code: "# nothing yet\n" },
  ],
  invalid: [
    {
      name: "channel tags float in Compose as in Dockerfiles: lts, stable-slim, latest-<variable>",
      filename: "compose.yaml",
      code: lines("services:", "  web:", "    image: node:lts-alpine", "  db:", "    image: debian:stable-slim", "  gpu:", "    image: org/tool:latest-${VARIANT}"),
      errors: [
        { messageId: "floatingTag", line: 3, column: 12, endColumn: 27, data: { where: "Compose service image", image: "node:lts-alpine", resolved: "", tag: "lts-alpine" } },
        { messageId: "floatingTag", line: 5, data: { where: "Compose service image", image: "debian:stable-slim", resolved: "", tag: "stable-slim" } },
        { messageId: "floatingTag", line: 7, data: { where: "Compose service image", image: "org/tool:latest-${VARIANT}", resolved: "", tag: "latest-${VARIANT}" } },
      ],
    },
    {
      name: "a service with no tag, at the image string",
      filename: "compose.yaml",
      code: lines("services:", "  db:", "    image: postgres  # the database"),
      errors: [{ messageId: "missingTag", line: 3, column: 12, endLine: 3, endColumn: 20, data: { where: "Compose service image", image: "postgres", resolved: "" } }],
    },
    {
      name: "quoted latest, the location is inside the quotes",
      filename: "docker-compose.prod.yml",
      code: lines("version: '3.8'", "services:", "  web:", '    image: "nginx:latest"'),
      errors: [{ messageId: "latestTag", line: 4, column: 13, endColumn: 25 }],
    },
    {
      name: "flow style",
      filename: "compose.yml",
      code: "services: {db: {image: 'mysql'}, cache: {image: redis:7.2}}",
      errors: [{ messageId: "missingTag", line: 1, column: 25 }],
    },
    {
      name: "an x- anchor carries the image once, reported where it is written",
      filename: "compose.yaml",
      code: lines("x-base: &base", "  image: python", "  restart: always", "services:", "  a:", "    <<: *base", "  b:", "    <<: *base", "    command: b"),
      errors: [{ messageId: "missingTag", line: 2, column: 10 }],
    },
    {
      name: "an anchored service merged into another",
      filename: "compose.yaml",
      code: lines("services:", "  worker: &worker", "    image: celery", "  beat:", "    <<: *worker", "    command: beat"),
      errors: [{ messageId: "missingTag", line: 3 }],
    },
    {
      name: "an alias to an anchored scalar",
      filename: "compose.yaml",
      code: lines("x-img: &img 'busybox:latest'", "services:", "  a:", "    image: *img"),
      errors: [{ messageId: "latestTag", line: 1, column: 14 }],
    },
    {
      name: "file format 1: services at the top level",
      filename: "docker-compose.yml",
      code: lines("web:", "  image: ubuntu", "  links: [db]", "db:", "  image: mongo:7"),
      errors: [{ messageId: "missingTag", line: 2 }],
    },
    {
      name: "compose.override.yaml and digest: always",
      filename: "deploy/compose.override.yaml",
      code: lines("services:", "  db:", "    image: postgres:16.3"),
      options: [{ digest: "always" }],
      errors: [{ messageId: "missingDigest" }],
    },
  ],
});

yamlTester.run("pin-base-image (GitHub Actions)", pinBaseImage, {
  valid: [
    {
      name: "GitHub's documented service container example, pinned",
      filename: ".github/workflows/ci.yml",
      code: lines(
        "name: Redis container example",
        "on: push",
        "jobs:",
        "  container-job:",
        "    runs-on: ubuntu-latest",
        "    container: node:20-bookworm-slim",
        "    services:",
        "      redis:",
        "        image: redis:7.2",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - run: node client.js",
      ),
    },
    { name: "matrix expressions decide the image at run time", filename: ".github/workflows/ci.yml", code: lines("jobs:", "  t:", "    container: ${{ matrix.image }}") },
    { name: "uses an action, not an image", filename: ".github/workflows/ci.yml", code: lines("jobs:", "  t:", "    steps:", "      - uses: actions/setup-node@v4") },
    { name: "a Docker action built from its Dockerfile", filename: "action.yml", code: lines("runs:", "  using: docker", "  image: Dockerfile") },
  ],
  invalid: [
    {
      name: "container as a string, container.image, services as strings and mappings, uses: docker://",
      filename: ".github/workflows/test.yaml",
      code: lines(
        "on: [push]",
        "jobs:",
        "  a:",
        "    container: node",
        "  b:",
        "    container:",
        "      image: ghcr.io/owner/img:latest",
        "      credentials: { username: u, password: p }",
        "    services:",
        "      db: postgres",
        "      cache:",
        "        image: redis",
        "    steps:",
        "      - uses: docker://alpine",
        "      - uses: docker://alpine:3.20",
      ),
      errors: [
        { messageId: "missingTag", line: 4, column: 16 },
        { messageId: "latestTag", line: 7, column: 14 },
        { messageId: "missingTag", line: 10, column: 11 },
        { messageId: "missingTag", line: 12, column: 16 },
        { messageId: "missingTag", line: 14, column: 24, endColumn: 30, data: { where: "image in 'uses'", image: "alpine", resolved: "" } },
      ],
    },
    {
      name: "a Docker container action's image",
      filename: "action.yaml",
      code: lines("name: hello", "runs:", "  using: docker", "  image: 'docker://debian'"),
      errors: [{ messageId: "missingTag", line: 4, column: 20 }],
    },
  ],
});

yamlTester.run("pin-base-image (GitLab CI)", pinBaseImage, {
  valid: [
    { name: "CI variables decide the image", filename: ".gitlab-ci.yml", code: lines("build:", "  image: $CI_REGISTRY_IMAGE/builder", "  script: [make]") },
    { name: "a variable called image is not an image", filename: ".gitlab-ci.yml", code: lines("variables:", "  image: nothing", "test:", "  image: ruby:3.3", "  script: [rake]") },
  ],
  invalid: [
    {
      name: "GitLab's documented shapes: top-level, default, jobs, hidden jobs, services as strings and with name:",
      filename: ".gitlab-ci.yml",
      code: lines(
        "image: ruby",
        "default:",
        "  image:",
        "    name: ruby:latest",
        "    entrypoint: ['']",
        ".db: &db",
        "  services:",
        "    - postgres:16",
        "    - name: redis",
        "      alias: cache",
        "test:",
        "  <<: *db",
        "  image: 'node:20'",
        "  script: [npm test]",
      ),
      errors: [
        { messageId: "missingTag", line: 1, column: 8 },
        { messageId: "latestTag", line: 4, column: 11 },
        { messageId: "missingTag", line: 9, column: 13 },
      ],
    },
  ],
});

yamlTester.run("allowed-registries (YAML)", allowedRegistries, {
  valid: [
    { name: "an allowed registry", filename: "compose.yaml", code: lines("services:", "  a:", "    image: ghcr.io/org/app:1.0"), options: [{ registries: ["ghcr.io"] }] },
    { name: "no registries: nothing", filename: "compose.yaml", code: lines("services:", "  a:", "    image: quay.io/x:1") },
  ],
  invalid: [
    {
      name: "Docker Hub in a workflow service",
      filename: ".github/workflows/ci.yml",
      code: lines("jobs:", "  t:", "    services:", "      db: postgres:16"),
      options: [{ registries: ["ghcr.io"] }],
      errors: [{ messageId: "notAllowed", line: 4, column: 11, data: { where: "job service image", image: "postgres:16", resolved: "", registry: "Docker Hub (docker.io)", allowed: "ghcr.io" } }],
    },
    {
      name: "another registry in GitLab CI",
      filename: ".gitlab-ci.yml",
      code: lines("image: quay.io/team/ci:2"),
      options: [{ registries: ["registry.gitlab.com", "docker.io"] }],
      errors: [{ messageId: "notAllowed", data: { where: "job image", image: "quay.io/team/ci:2", resolved: "", registry: "quay.io", allowed: "registry.gitlab.com, docker.io" } }],
    },
  ],
});
