/**
 * `FROM --platform=<constant>`: the stage builds for one platform whatever
 * the build asks for, unless its name says it is meant for that platform.
 */
import { processSourceRange } from "../lib/variables/index.js";
import { parsePlatform } from "../lib/images/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";
import type { FromNode } from "../lib/language/index.js";

type MessageIds = "constantPlatform";

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Disallow a constant FROM --platform value, unless the stage name names that platform",
      url: docsUrl("no-constant-platform"),
    },
    schema: [],
    messages: {
      constantPlatform:
        "FROM --platform={{platform}} builds this stage for {{platform}} whatever the target, so other platforms get it or run it under emulation.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    const escapeChar = sourceCode.facts.escapeChar;

    return {
      From(node: FromNode) {
        for (const flag of node.flags) {
          if (flag.name.toLowerCase() !== "platform" || !flag.valueRange) continue;
          const result = processSourceRange(text, flag.valueRange, escapeChar, () => undefined);
          // Any variable, declared or not, makes the value depend on the build.
          if (result.error !== null || result.references.length > 0) continue;
          const platform = parsePlatform(result.value);
          if (!platform) continue;
          const stageName = node.stage?.value ?? "";
          if (stageName.includes(platform.os) || stageName.includes(platform.architecture)) continue;
          context.report({
            loc: sourceCode.positions.locOf(flag.valueRange),
            messageId: "constantPlatform",
            data: { platform: result.value, arch: platform.architecture },
          });
        }
      },
    };
  },
};

export default rule;
