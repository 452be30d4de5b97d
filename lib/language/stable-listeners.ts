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

/** A rule id's slots by selector, and what it registered for the last file. */
interface Registered {
  slots: Map<string, Slot>;
  selectors: string[];
  active: Slot[];
  visitor: RuleVisitor;
}

const registeredByRule = new Map<string, Registered>();

function makeSlot(): Slot {
  const slot: Slot = {
    current: undefined,
    call: (node, parent) => slot.current?.(node, parent),
  };
  return slot;
}

/** True when `visitor`'s listeners are those of `selectors`, in order: one walk, no array made. */
function sameSelectors(selectors: readonly string[], visitor: RuleVisitor): boolean {
  let i = 0;
  for (const selector in visitor) {
    if (!Object.hasOwn(visitor, selector) || typeof visitor[selector] !== "function") continue;
    if (selectors[i] !== selector) return false;
    i++;
  }
  return i === selectors.length;
}

/**
 * The visitor with each listener replaced by the stable function of its rule
 * and selector. A rule that returns the same selectors as for the last file
 * (the usual case) gets the same visitor object back.
 */
export function stableVisitor(ruleId: string, visitor: RuleVisitor): RuleVisitor {
  let registered = registeredByRule.get(ruleId);
  if (!registered) {
    registered = { slots: new Map(), selectors: [], active: [], visitor: {} };
    registeredByRule.set(ruleId, registered);
  }
  if (!sameSelectors(registered.selectors, visitor)) {
    const selectors = Object.keys(visitor).filter((selector) => typeof visitor[selector] === "function");
    // A listener of an earlier file must not stay reachable here: it holds that file's tree and facts.
    for (const slot of registered.active) slot.current = undefined;
    const stable: Record<string, Listener> = {};
    const active: Slot[] = [];
    for (const selector of selectors) {
      let slot = registered.slots.get(selector);
      if (!slot) registered.slots.set(selector, (slot = makeSlot()));
      active.push(slot);
      stable[selector] = slot.call;
    }
    Object.assign(registered, { selectors, active, visitor: stable });
  }
  const { active, selectors } = registered;
  for (let i = 0; i < selectors.length; i++) {
    const slot = active[i];
    if (slot) slot.current = visitor[selectors[i] ?? ""] as Listener;
  }
  return registered.visitor;
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
