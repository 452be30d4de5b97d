/** Images named in JavaScript and TypeScript: testcontainers, dockerode, @pulumi/docker, aws-cdk. */
import pinBaseImage from "../../rules/pin-base-image.js";
import allowedRegistries from "../../rules/allowed-registries.js";
import { jsTester, lines, tsTester } from "./format-tester.js";

const filename = "test/db.test.ts";

tsTester.run("pin-base-image (TypeScript)", pinBaseImage, {
  valid: [
    {
      name: "testcontainers' documented example, pinned",
      filename,
      code: lines('import { GenericContainer } from "testcontainers";', 'const container = await new GenericContainer("redis:7.2.4").withExposedPorts(6379).start();'),
    },
    { name: "a local class of the same name is not testcontainers", filename, code: lines("class GenericContainer { constructor(_: string) {} }", 'new GenericContainer("redis");') },
    { name: "not imported at all", filename, code: 'new GenericContainer("redis");' },
    { name: "a type-only import names no value", filename, code: lines('import type { GenericContainer } from "testcontainers";', 'declare const G: typeof GenericContainer; new G("redis");') },
    { name: "fromDockerfile builds, it names no image", filename, code: lines('import { GenericContainer } from "testcontainers";', 'await GenericContainer.fromDockerfile("./ctx").build();') },
    { name: "an image from a variable", filename, code: lines('import { GenericContainer } from "testcontainers";', "const image = process.env.IMAGE!;", "new GenericContainer(image);") },
    { name: "a template literal with expressions", filename, code: lines('import { GenericContainer } from "testcontainers";', "new GenericContainer(`redis:${process.env.TAG}`);") },
    { name: "the old (image, tag) form", filename, code: lines('import { GenericContainer } from "testcontainers";', 'new GenericContainer("redis", "5.0.3");') },
    { name: "a module container with its default image", filename, code: lines('import { PostgreSqlContainer } from "@testcontainers/postgresql";', "new PostgreSqlContainer();") },
    { name: "another package's GenericContainer", filename, code: lines('import { GenericContainer } from "./fakes";', 'new GenericContainer("redis");') },
    { name: "a shadowing parameter", filename, code: lines('import { GenericContainer } from "testcontainers";', 'function f(GenericContainer: new (s: string) => unknown) { return new GenericContainer("redis"); }') },
  ],
  invalid: [
    {
      name: "GenericContainer with no tag, at the string",
      filename,
      code: lines('import { GenericContainer } from "testcontainers";', 'const redis = await new GenericContainer("redis").start();'),
      errors: [{ messageId: "missingTag", line: 2, column: 43, endColumn: 48, data: { where: "testcontainers image", image: "redis", resolved: "" } }],
    },
    {
      name: "a renamed import, import * as, and a module container",
      filename,
      code: lines(
        'import { GenericContainer as Container } from "testcontainers";',
        'import * as pg from "@testcontainers/postgresql";',
        'import { KafkaContainer as Kafka } from "@testcontainers/kafka";',
        "new Container(`nginx:latest`);",
        'new pg.PostgreSqlContainer("postgres:latest");',
        'new Kafka("confluentinc/cp-kafka");',
      ),
      errors: [
        { messageId: "latestTag", line: 4, column: 16 },
        { messageId: "latestTag", line: 5, column: 29 },
        { messageId: "missingTag", line: 6, column: 12 },
      ],
    },
    {
      name: "an imported binding that is also re-exported, and aliased",
      filename,
      code: lines('import { GenericContainer } from "testcontainers";', "export { GenericContainer };", "const GC = GenericContainer;", 'export const start = () => new GC("mongo" as const).start();'),
      errors: [{ messageId: "missingTag", line: 4, column: 36 }],
    },
    {
      name: "dockerode: pull, run and createContainer on an instance",
      filename: "scripts/run.ts",
      code: lines(
        'import Docker from "dockerode";',
        "const docker = new Docker({ socketPath: '/var/run/docker.sock' });",
        'await docker.pull("alpine");',
        'await docker.run("ubuntu:latest", ["bash"], process.stdout);',
        'const c = await docker.createContainer({ Image: "busybox", Cmd: ["sh"] });',
        'await new Docker().pull("debian");',
        'docker.getImage("nginx");',
      ),
      errors: [
        { messageId: "missingTag", line: 3, column: 20 },
        { messageId: "latestTag", line: 4, column: 19 },
        { messageId: "missingTag", line: 5, column: 50 },
        { messageId: "missingTag", line: 6, column: 26 },
      ],
    },
    {
      name: "@pulumi/docker RemoteImage name, by namespace and by name",
      filename: "infra/index.ts",
      code: lines(
        'import * as docker from "@pulumi/docker";',
        'import { RemoteImage } from "@pulumi/docker";',
        'const a = new docker.RemoteImage("nginx", { name: "nginx" });',
        'const b = new RemoteImage("redis", { name: "redis:7", keepLocally: true });',
      ),
      errors: [{ messageId: "missingTag", line: 3, column: 52 }],
    },
    {
      name: "aws-cdk ContainerImage.fromRegistry, v2 paths and v1",
      filename: "lib/stack.ts",
      code: lines(
        'import * as ecs from "aws-cdk-lib/aws-ecs";',
        'import { aws_ecs } from "aws-cdk-lib";',
        'import { ContainerImage } from "@aws-cdk/aws-ecs";',
        'ecs.ContainerImage.fromRegistry("amazon/amazon-ecs-sample");',
        'aws_ecs.ContainerImage.fromRegistry("public.ecr.aws/nginx/nginx:latest");',
        'ContainerImage.fromRegistry("nginx:1.27");',
      ),
      errors: [
        { messageId: "missingTag", line: 4, column: 34 },
        { messageId: "latestTag", line: 5, column: 38 },
      ],
    },
    {
      name: "digest: always",
      filename,
      code: lines('import { GenericContainer } from "testcontainers";', 'new GenericContainer("redis:7.2.4");'),
      options: [{ digest: "always" }],
      errors: [{ messageId: "missingDigest" }],
    },
  ],
});

jsTester.run("pin-base-image (CommonJS)", pinBaseImage, {
  valid: [{ name: "require of another module", filename: "test.js", code: 'const { GenericContainer } = require("./testcontainers"); new GenericContainer("redis");' }],
  invalid: [
    {
      name: "destructured require, namespace require, and require inline",
      filename: "test.js",
      code: lines(
        'const { GenericContainer } = require("testcontainers");',
        'const Docker = require("dockerode");',
        'const tc = require("testcontainers");',
        'new GenericContainer("redis");',
        'new Docker().pull("alpine");',
        'new tc.GenericContainer("mysql");',
        'new (require("testcontainers").GenericContainer)("mariadb");',
      ),
      errors: [
        { messageId: "missingTag", line: 4, column: 23 },
        { messageId: "missingTag", line: 5, column: 20 },
        { messageId: "missingTag", line: 6, column: 26 },
        { messageId: "missingTag", line: 7, column: 51 },
      ],
    },
  ],
});

tsTester.run("allowed-registries (TypeScript)", allowedRegistries, {
  valid: [],
  invalid: [
    {
      name: "Docker Hub in a test",
      filename,
      code: lines('import { GenericContainer } from "testcontainers";', 'new GenericContainer("redis:7");'),
      options: [{ registries: ["ghcr.io"] }],
      errors: [{ messageId: "notAllowed", data: { where: "testcontainers image", image: "redis:7", resolved: "", registry: "Docker Hub (docker.io)", allowed: "ghcr.io" } }],
    },
  ],
});
