/**
 * ESLint notes which rule registered each listener function, in a WeakMap
 * keyed by the function, so that it can name the rule when a listener throws.
 * A rule's `create()` makes new closures for every file, so that table gains a
 * key per listener per file (57 for a Dockerfile with every rule on), and the
 * inserts and their collection cost more than most rules' own work on a file.
 *
 * Here each rule and selector gets one function for the whole run, which calls
 * the listener that the rule's latest `create()` returned. That is the
 * listener of the file being linted: ESLint lints one file at a time, calling
 * every rule's `create()` for it and then traversing it, synchronously. The
 * functions are kept per rule id, so a rule registered under two names keeps
 * two sets of listeners.
 */
import type { RuleDefinition, RuleVisitor } from "@eslint/core";

type Listener = (...args: unknown[]) => void;

interface Slot {
  current: Listener | undefined;
  readonly call: Listener;
}

const slotsByRule = new Map<string, Map<string, Slot>>();

function slotFor(slots: Map<string, Slot>, selector: string): Slot {
  let slot = slots.get(selector);
  if (!slot) {
    const made: Slot = {
      current: undefined,
      call: (node, parent) => made.current?.(node, parent),
    };
    slots.set(selector, made);
    slot = made;
  }
  return slot;
}

/** The visitor with each listener replaced by the stable function of its rule and selector. */
export function stableVisitor(ruleId: string, visitor: RuleVisitor): RuleVisitor {
  let slots = slotsByRule.get(ruleId);
  if (!slots) slotsByRule.set(ruleId, (slots = new Map<string, Slot>()));
  // A listener of an earlier file must not stay reachable here: it holds that file's tree and facts.
  for (const slot of slots.values()) slot.current = undefined;
  const stable: Record<string, Listener> = {};
  for (const selector of Object.keys(visitor)) {
    const listener = visitor[selector];
    if (typeof listener !== "function") continue;
    const slot = slotFor(slots, selector);
    slot.current = listener as Listener;
    stable[selector] = slot.call;
  }
  return stable;
}

/** `rule`, whose listeners are the stable functions of its id and their selectors. */
export function withStableListeners(rule: RuleDefinition): RuleDefinition {
  return {
    ...rule,
    create(context) {
      return stableVisitor(context.id, rule.create(context));
    },
  };
}
