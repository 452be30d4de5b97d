/**
 * EXPOSE ports as BuildKit parses them: `port`, `start-end`, with an optional
 * `/tcp`, `/udp` or `/sctp`; ports 0–65535. ARG and ENV values are
 * substituted first, and a value may hold several ports. An IP address or a
 * `host:container` mapping is reported (BuildKit ignores the host part, and
 * will reject it); so is a protocol not in lower case, which the fix lowers.
 */
import type { InstructionNode } from "../lib/language/index.js";
import { docsUrl } from "../lib/language/index.js";
import type { DockerfileRuleDefinition } from "../lib/language/index.js";

type MessageIds = "mapping" | "protoCasing" | "invalidProto" | "noPort" | "notNumber" | "outOfRange" | "badRange";

interface Problem {
  messageId: Exclude<MessageIds, "protoCasing">;
  detail: string;
}

const PROTOCOLS = new Set(["", "tcp", "udp", "sctp"]);

/** A decimal port number as Go's strconv.ParseInt reads it (an optional `+`). */
function parsePort(text: string): number | "notNumber" | "outOfRange" {
  if (!/^\+?\d+$/u.test(text)) return "notNumber";
  const port = Number(text);
  return port > 65535 ? "outOfRange" : port;
}

/** Checks `start[-end]`; returns a problem or null. */
function checkRange(text: string, what: string): Problem | null {
  if (text === "") return { messageId: "noPort", detail: what };
  const dash = text.indexOf("-");
  const startText = dash < 0 ? text : text.slice(0, dash);
  const endText = dash < 0 ? null : text.slice(dash + 1);
  const start = parsePort(startText);
  if (typeof start !== "number") return { messageId: start, detail: startText };
  if (endText === null || endText === startText) return null;
  const end = parsePort(endText);
  if (typeof end !== "number") return { messageId: end, detail: endText };
  return end < start ? { messageId: "badRange", detail: text } : null;
}

const rule: DockerfileRuleDefinition<{ RuleOptions: []; MessageIds: MessageIds }> = {
  meta: {
    languages: ["dockerfile/dockerfile"],
    type: "problem",
    docs: {
      description: "Require EXPOSE to list valid container ports: numbers 0–65535 or ranges, with an optional lower-case /tcp, /udp or /sctp",
      url: docsUrl("valid-expose"),
    },
    fixable: "code",
    schema: [],
    messages: {
      mapping:
        "EXPOSE '{{spec}}'{{resolved}} maps a host address or port, which EXPOSE ignores and BuildKit will reject; write '{{container}}'.",
      protoCasing: "Protocol '{{spec}}'{{resolved}} in EXPOSE is not lowercase, which Docker records anyway; write '{{lower}}'.",
      invalidProto:
        "'{{detail}}' in '{{spec}}'{{resolved}} is not a protocol EXPOSE accepts (tcp, udp or sctp), so the build fails.",
      noPort: "'{{spec}}'{{resolved}} has no port number before the protocol, so the build fails.",
      notNumber: "'{{detail}}' in '{{spec}}'{{resolved}} is not a port number or range, so the build fails.",
      outOfRange: "Port {{detail}} in '{{spec}}'{{resolved}} is outside 0 to 65535, so the build fails.",
      badRange: "The range '{{detail}}' in '{{spec}}'{{resolved}} ends before it starts, so the build fails.",
    },
  },

  create(context) {
    const { sourceCode } = context;
    const { facts, text } = sourceCode;

    function check(node: InstructionNode): void {
      for (const word of node.arguments) {
        const expansion = facts.expand(word.value, node);
        // A port from a variable with no value is decided at build time.
        if (expansion.unresolved.length > 0) continue;
        const resolved = expansion.value === word.value ? "" : ` (from '${word.value}')`;
        const literal = !word.value.includes("$");
        const specs = expansion.value.replaceAll('"', "").replaceAll("'", "").split(/[ \t]+/u).filter((spec) => spec !== "");
        for (const spec of specs) {
          const parts = spec.split(":");
          const container = parts.at(-1) ?? "";
          const slash = container.indexOf("/");
          const portText = slash < 0 ? container : container.slice(0, slash);
          const proto = slash < 0 ? "" : container.slice(slash + 1);
          const data = { spec, resolved, detail: "", container, lower: "" };
          if (!PROTOCOLS.has(proto.toLowerCase())) {
            context.report({ loc: word.loc, messageId: "invalidProto", data: { ...data, detail: proto } });
            continue;
          }
          const problem = checkRange(portText, spec) ?? (parts.length >= 2 ? checkRange(parts.at(-2) ?? "", spec) : null);
          if (problem) {
            context.report({ loc: word.loc, messageId: problem.messageId, data: { ...data, detail: problem.detail } });
            continue;
          }
          if (proto !== proto.toLowerCase()) {
            const lower = `${portText}/${proto.toLowerCase()}`;
            const written = text.slice(word.range[0], word.range[1]);
            const at = written.indexOf("/");
            const fixable = literal && written === word.value && at >= 0;
            context.report({
              loc: word.loc,
              messageId: "protoCasing",
              data: { ...data, spec: container, lower },
              fix: fixable ? (fixer) => fixer.replaceTextRange([word.range[0] + at + 1, word.range[1]], written.slice(at + 1).toLowerCase()) : null,
            });
          }
          if (parts.length >= 2) {
            context.report({ loc: word.loc, messageId: "mapping", data: { ...data, container: container.toLowerCase() } });
          }
        }
      }
    }

    return { Expose: check };
  },
};

export default rule;
