/**
 * Where dev container files and Bake JSON files name images, over the tree of
 * jsonc-eslint-parser (JSONC: comments and trailing commas are fine).
 */
import type { AST } from "jsonc-eslint-parser";
import type { ImageMention } from "../images/index.js";
import { mentionAt } from "./mention.js";

type Value = AST.JSONExpression | null | undefined;

function member(node: Value, key: string): Value {
  if (node?.type !== "JSONObjectExpression") return null;
  let found: Value = null;
  // As JSON.parse does, the last of duplicate keys wins.
  for (const property of node.properties) if (keyOf(property) === key) found = property.value;
  return found;
}

function keyOf(property: AST.JSONProperty): string | null {
  const key = property.key;
  return key.type === "JSONIdentifier" ? key.name : typeof key.value === "string" ? key.value : null;
}

function members(node: Value): [string, Value][] {
  if (node?.type !== "JSONObjectExpression") return [];
  return node.properties.flatMap((property): [string, Value][] => {
    const key = keyOf(property);
    return key === null ? [] : [[key, property.value]];
  });
}

function mention(where: string, node: Value, text: string, prefix = ""): ImageMention | null {
  if (node?.type !== "JSONLiteral" || typeof node.value !== "string") return null;
  return mentionAt(where, { value: node.value, range: [node.range[0] + 1, node.range[1] - 1] }, text, prefix);
}

export type JsonFormat = "devcontainer" | "bake";

/** The images a JSON file of `format` names. */
export function jsonImageMentions(program: AST.JSONProgram, text: string, format: JsonFormat): ImageMention[] {
  const root = program.body[0].expression;
  const found: (ImageMention | null)[] = [];
  if (format === "devcontainer") {
    found.push(mention("dev container image", member(root, "image"), text));
  } else {
    for (const [, target] of members(member(root, "target"))) {
      for (const [, context] of members(member(target, "contexts"))) {
        found.push(mention("Bake context image", context, text, "docker-image://"));
      }
    }
  }
  return found.filter((item): item is ImageMention => item !== null);
}
