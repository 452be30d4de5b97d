/**
 * Where JavaScript and TypeScript code names images: testcontainers,
 * dockerode, `@pulumi/docker` and aws-cdk's ECS. Found by following what a
 * file imports (ES imports, `import x = require()`, `require()`, `import()`)
 * through ESLint's scope analysis, never by a name alone: a local class
 * called `GenericContainer` names no image.
 */
import type { AST_NODE_TYPES, TSESTree } from "@typescript-eslint/utils";
import type { ImageMention } from "../images/index.js";
import { mentionAt } from "./mention.js";

type Node = TSESTree.Node;

/**
 * The node types read here. Not imported from @typescript-eslint/utils, whose
 * loading (it pulls in the TypeScript parser) would cost every Dockerfile run
 * more than linting a file: each member of its enum has its name for value.
 */
const NODE_TYPES = [
  "AssignmentPattern",
  "AwaitExpression",
  "CallExpression",
  "ChainExpression",
  "Identifier",
  "ImportDeclaration",
  "ImportExpression",
  "ImportSpecifier",
  "Literal",
  "MemberExpression",
  "NewExpression",
  "ObjectExpression",
  "ObjectPattern",
  "Property",
  "TSAsExpression",
  "TSExternalModuleReference",
  "TSImportEqualsDeclaration",
  "TSNonNullExpression",
  "TSSatisfiesExpression",
  "TemplateLiteral",
  "VariableDeclarator",
] as const satisfies readonly (keyof typeof AST_NODE_TYPES)[];
const T = Object.fromEntries(NODE_TYPES.map((type) => [type, type])) as unknown as Pick<typeof AST_NODE_TYPES, (typeof NODE_TYPES)[number]>;

/** What a scope-analysed variable offers; ESLint's `Scope.Variable` has it. */
interface Variable {
  identifiers: readonly { range: [number, number] }[];
  references: readonly { identifier: { parent?: unknown; range: [number, number] }; isRead(): boolean }[];
}

export interface ScopeSource {
  getDeclaredVariables(node: never): Variable[];
}

/** A value that comes from a module: `module` and the properties read on it. `#instance` marks `new Default()`. */
interface Origin {
  module: string;
  path: readonly string[];
}

const MODULES = /^(?:testcontainers|@testcontainers\/.+|dockerode|@pulumi\/docker|aws-cdk-lib|aws-cdk-lib\/aws-ecs|@aws-cdk\/aws-ecs)$/u;

/** Aliases of aliases are followed this far. */
const MAX_ALIAS_DEPTH = 6;

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** Wrappers that change a value's type, not the value. */
function unwrap(node: Node | null | undefined): Node | null {
  let current = node ?? null;
  while (current && (current.type === T.TSAsExpression || current.type === T.TSNonNullExpression || current.type === T.TSSatisfiesExpression)) {
    current = current.expression;
  }
  return current;
}

function parentOf(node: Node): Node | null {
  return (node as { parent?: Node }).parent ?? null;
}

function propertyName(node: TSESTree.MemberExpression | TSESTree.Property): string | null {
  const key = node.type === T.MemberExpression ? node.property : node.key;
  if (!node.computed && key.type === T.Identifier) return key.name;
  return key.type === T.Literal && typeof key.value === "string" ? key.value : null;
}

/** A string literal or an expression-free template literal, as a site. */
function stringSite(node: Node | null | undefined): { value: string; range: [number, number] } | null {
  const value = unwrap(node);
  if (value?.type === T.Literal && typeof value.value === "string") {
    return { value: value.value, range: [value.range[0] + 1, value.range[1] - 1] };
  }
  if (value?.type === T.TemplateLiteral && value.expressions.length === 0) {
    const cooked = value.quasis[0]?.value.cooked;
    return typeof cooked === "string" ? { value: cooked, range: [value.range[0] + 1, value.range[1] - 1] } : null;
  }
  return null;
}

function objectMember(node: Node | null | undefined, key: string): Node | null {
  const object = unwrap(node);
  if (object?.type !== T.ObjectExpression) return null;
  let found: Node | null = null;
  for (const property of object.properties) {
    if (property.type === T.Property && propertyName(property) === key) found = property.value;
  }
  return found;
}

function moduleOf(node: Node | null | undefined): string | null {
  const call = unwrap(node);
  if (call?.type === T.CallExpression && call.callee.type === T.Identifier && call.callee.name === "require") {
    const site = stringSite(call.arguments[0]);
    return site && MODULES.test(site.value) ? site.value : null;
  }
  if (call?.type === T.ImportExpression) {
    const site = stringSite(call.source);
    return site && MODULES.test(site.value) ? site.value : null;
  }
  return null;
}

class CodeImageFinder {
  readonly mentions: ImageMention[] = [];
  readonly #seen = new Set<number>();

  constructor(
    private readonly scope: ScopeSource,
    private readonly text: string,
  ) {}

  run(program: TSESTree.Program): void {
    for (const statement of program.body) {
      if (statement.type === T.ImportDeclaration && statement.importKind !== "type" && MODULES.test(statement.source.value)) {
        for (const specifier of statement.specifiers) {
          if (specifier.type === T.ImportSpecifier && specifier.importKind === "type") continue;
          const path =
            specifier.type === T.ImportSpecifier
              ? [specifier.imported.type === T.Identifier ? specifier.imported.name : specifier.imported.value]
              : [];
          this.#followVariables(specifier, { module: statement.source.value, path }, 0);
        }
      } else if (
        statement.type === T.TSImportEqualsDeclaration &&
        statement.importKind !== "type" &&
        statement.moduleReference.type === T.TSExternalModuleReference &&
        MODULES.test(statement.moduleReference.expression.value)
      ) {
        this.#followVariables(statement, { module: statement.moduleReference.expression.value, path: [] }, 0);
      }
    }
    // `require()` and `import()` may sit anywhere: walk the tree once for them.
    const stack: Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      const module = node.type === T.CallExpression || node.type === T.ImportExpression ? moduleOf(node) : null;
      if (module) {
        const parent = parentOf(node);
        this.#follow(parent?.type === T.AwaitExpression ? parent : node, { module, path: [] }, 0);
      }
      for (const [key, value] of Object.entries(node)) {
        if (key === "parent") continue;
        if (Array.isArray(value)) {
          for (const item of value) if (item && typeof (item as Node).type === "string") stack.push(item as Node);
        } else if (value && typeof (value as Node).type === "string") {
          stack.push(value as Node);
        }
      }
    }
  }

  /** Every variable `declaration` declares, with the part of `origin` its pattern takes. */
  #followVariables(declaration: Node, origin: Origin, depth: number, pattern?: Node): void {
    const paths = pattern ? this.#patternPaths(pattern, origin.path) : null;
    for (const variable of this.scope.getDeclaredVariables(declaration as never)) {
      const start = variable.identifiers[0]?.range[0];
      const path = paths ? paths.get(start ?? -1) : origin.path;
      if (!path) continue;
      for (const reference of variable.references) {
        if (reference.isRead()) this.#follow(reference.identifier as unknown as Node, { module: origin.module, path }, depth);
      }
    }
  }

  /** For each identifier a destructuring pattern binds (by start offset), the property path it reads. */
  #patternPaths(pattern: Node, path: readonly string[]): Map<number, readonly string[]> {
    const paths = new Map<number, readonly string[]>();
    const visit = (node: Node | null, at: readonly string[]) => {
      if (!node) return;
      if (node.type === T.Identifier) paths.set(node.range[0], at);
      else if (node.type === T.AssignmentPattern) visit(node.left, at);
      else if (node.type === T.ObjectPattern) {
        for (const property of node.properties) {
          if (property.type !== T.Property) continue;
          const name = propertyName(property);
          if (name !== null) visit(property.value, [...at, name]);
        }
      }
    };
    visit(pattern, path);
    return paths;
  }

  /** Reads properties off `expression`, then looks at what is done with the value. */
  #follow(expression: Node, origin: Origin, depth: number): void {
    let node = expression;
    let path = origin.path[0] === "default" ? origin.path.slice(1) : origin.path;
    for (;;) {
      const parent = parentOf(node);
      if (!parent) return;
      if (parent.type === T.MemberExpression && parent.object === node) {
        const name = propertyName(parent);
        if (name === null) return;
        path = [...path, name];
        node = parent;
      } else if ((parent.type === T.TSNonNullExpression || parent.type === T.TSAsExpression || parent.type === T.ChainExpression) && parent.expression === node) {
        node = parent;
      } else {
        break;
      }
    }
    const parent = parentOf(node);
    if (!parent) return;
    const current = { module: origin.module, path };
    if (parent.type === T.NewExpression && parent.callee === node) this.#constructed(current, parent, depth);
    else if (parent.type === T.CallExpression && parent.callee === node) this.#called(current, parent);
    else if (parent.type === T.VariableDeclarator && parent.init === node && depth < MAX_ALIAS_DEPTH) {
      this.#followVariables(parent, current, depth + 1, parent.id);
    }
  }

  #constructed(origin: Origin, node: TSESTree.NewExpression, depth: number): void {
    const { module, path } = origin;
    const [name] = path;
    if (module === "testcontainers" && same(path, ["GenericContainer"])) {
      // The old `(image, tag)` form names the tag apart.
      if (node.arguments.length < 2) this.#report("testcontainers image", node.arguments[0]);
    } else if (module.startsWith("@testcontainers/") && path.length === 1 && name?.endsWith("Container")) {
      this.#report("testcontainers image", node.arguments[0]);
    } else if (module === "@pulumi/docker" && same(path, ["RemoteImage"])) {
      this.#report("Pulumi RemoteImage name", objectMember(node.arguments[1], "name"));
    } else if (module === "dockerode" && path.length === 0 && depth < MAX_ALIAS_DEPTH) {
      this.#follow(node, { module, path: ["#instance"] }, depth + 1);
    }
  }

  #called(origin: Origin, node: TSESTree.CallExpression): void {
    const { module, path } = origin;
    if (module === "dockerode") {
      if (same(path, ["#instance", "pull"]) || same(path, ["#instance", "run"])) this.#report("dockerode image", node.arguments[0]);
      else if (same(path, ["#instance", "createContainer"])) this.#report("dockerode image", objectMember(node.arguments[0], "Image"));
    } else if (
      ((module === "aws-cdk-lib/aws-ecs" || module === "@aws-cdk/aws-ecs") && same(path, ["ContainerImage", "fromRegistry"])) ||
      (module === "aws-cdk-lib" && same(path, ["aws_ecs", "ContainerImage", "fromRegistry"]))
    ) {
      this.#report("ECS container image", node.arguments[0]);
    }
  }

  #report(where: string, argument: Node | null | undefined): void {
    const site = stringSite(argument);
    if (!site || this.#seen.has(site.range[0])) return;
    const mention = mentionAt(where, site, this.text);
    if (!mention) return;
    this.#seen.add(site.range[0]);
    this.mentions.push(mention);
  }
}

/** The images named in a JavaScript or TypeScript program (parents set, as ESLint does before rules run). */
export function codeImageMentions(program: TSESTree.Program, text: string, scope: ScopeSource): ImageMention[] {
  const finder = new CodeImageFinder(scope, text);
  finder.run(program);
  return finder.mentions.sort((a, b) => a.range[0] - b.range[0]);
}
