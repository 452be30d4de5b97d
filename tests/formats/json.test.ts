/** Images in dev container files and Bake JSON files. */
import pinBaseImage from "../../rules/pin-base-image.js";
import allowedRegistries from "../../rules/allowed-registries.js";
import { jsonTester, lines } from "./format-tester.js";

jsonTester.run("pin-base-image (dev containers, Bake)", pinBaseImage, {
  valid: [
    {
      name: "the dev containers spec's example, pinned, with JSONC comments and a trailing comma",
      filename: ".devcontainer/devcontainer.json",
      code: lines("{", "  // The image to start from", '  "name": "Node.js",', '  "image": "mcr.microsoft.com/devcontainers/javascript-node:1-20-bookworm",', '  "forwardPorts": [3000],', "}"),
    },
    { name: "built from a Dockerfile", filename: ".devcontainer.json", code: '{ "build": { "dockerfile": "Dockerfile" } }' },
    { name: "not a dev container file by name", filename: "config/devcontainer.json", code: '{ "image": "ubuntu" }' },
    {
      name: "Bake contexts that are not images, and pinned ones",
      filename: "docker-bake.json",
      code: lines(
        "{",
        '  "target": {',
        '    "app": {',
        '      "contexts": { "src": "./src", "git": "https://github.com/org/repo.git", "base": "docker-image://alpine:3.20", "stage": "target:base" }',
        "    }",
        "  }",
        "}",
      ),
    },
    { name: "Bake variables", filename: "docker-bake.json", code: '{"target": {"a": {"contexts": {"b": "docker-image://node:${NODE}"}}}}' },
    { name: "an empty object", filename: "docker-bake.json", code: "{}" },
    { name: "not an object", filename: ".devcontainer.json", code: '"image"' },
  ],
  invalid: [
    {
      name: "a dev container image with the latest tag, at the string",
      filename: ".devcontainer/devcontainer.json",
      code: lines("{", "  /* base image */", '  "image": "mcr.microsoft.com/devcontainers/base:latest"', "}"),
      errors: [{ messageId: "latestTag", line: 3, column: 13, endColumn: 56, data: { where: "dev container image", image: "mcr.microsoft.com/devcontainers/base:latest", resolved: "" } }],
    },
    {
      name: "one of several dev container configurations",
      filename: ".devcontainer/python/devcontainer.json",
      code: '{"image": "python"}',
      errors: [{ messageId: "missingTag", column: 12 }],
    },
    {
      name: "Bake docker-image:// contexts in several targets, the location after the scheme",
      filename: "docker-bake.json",
      code: lines(
        "{",
        '  "group": { "default": { "targets": ["app", "db"] } },',
        '  "target": {',
        '    "app": { "contexts": { "alpine": "docker-image://alpine" } },',
        '    "db": { "contexts": { "pg": "docker-image://postgres:latest" } }',
        "  }",
        "}",
      ),
      errors: [
        { messageId: "missingTag", line: 4, column: 54, endColumn: 60 },
        { messageId: "latestTag", line: 5, column: 49 },
      ],
    },
  ],
});

jsonTester.run("allowed-registries (JSON)", allowedRegistries, {
  valid: [{ name: "allowed", filename: ".devcontainer.json", code: '{"image": "mcr.microsoft.com/devcontainers/base:1"}', options: [{ registries: ["mcr.microsoft.com"] }] }],
  invalid: [
    {
      name: "a registry not allowed",
      filename: ".devcontainer.json",
      code: '{"image": "ghcr.io/x/y:1"}',
      options: [{ registries: ["mcr.microsoft.com"] }],
      errors: [{ messageId: "notAllowed", data: { where: "dev container image", image: "ghcr.io/x/y:1", resolved: "", registry: "ghcr.io", allowed: "mcr.microsoft.com" } }],
    },
  ],
});
