/**
 * dockerfile-ast's positions and ranges: 0-based lines and UTF-16 characters,
 * as the language server protocol counts them. Read off its own types, which
 * export no name for them.
 */
import type { Argument } from "dockerfile-ast";

export type LspRange = ReturnType<Argument["getRange"]>;
export type LspPosition = LspRange["start"];
