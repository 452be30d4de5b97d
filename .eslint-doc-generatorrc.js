/** Generates the rule list in README.md and the header of each docs/rules page from rule meta. */
export default {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
    ["all", "🌐"],
  ],
  ignoreConfig: ["all"],
  ruleDocTitleFormat: "name",
  ruleListColumns: ["name", "description", "configsError", "configsWarn", "fixable", "hasSuggestions", "options"],
  urlRuleDoc: "https://github.com/eslint-plugin-dockerfile/eslint-plugin-dockerfile/blob/main/docs/rules/{name}.md",
  pathRuleList: "README.md",
  // Pages of rules without options still say so under "Options", which helps users comparing with peers.
  ruleDocSectionOptions: false,
};
