// Signal 4 of PRODUCT.md §2: the conventional-commit type of the title, `type(scope)!: subject`.
//
// Read strictly by the Conventional Commits grammar, because a loose reading turns prose into
// signals: "Fix the bug", "Fixes login" and "feat" start with a type-like word but declare no
// type. So the type must be followed, with nothing in between, by an optional non-blank
// `(scope)`, an optional `!`, a colon, white space and a non-empty subject. In particular
// "chore (deps): x" (a space before the scope) and "fix:x" (no space after the colon) give no
// signal, as the specification reads them.

/**
 * The type (a letter, then letters, digits, `-` or `_`), the scope (no nested `(` and no line
 * break: titles are one line; not blank), `!`, `:`, blanks and the first character of the subject.
 * Each repetition is followed by a character it cannot match, so the match is linear in the title.
 */
const CONVENTIONAL_COMMIT = /^([A-Za-z][\w-]*)(?:\(([ \t]*[^()\r\n \t][^()\r\n]*)\))?!?:[ \t]+[^ \t]/;

/** The lower-cased type of a conventional-commit title, or null when the title is not one. */
export function conventionalCommitType(title: string): string | null {
  return conventionalCommit(title)?.type ?? null;
}

/**
 * The lower-cased type and scope (`null` without one) of a conventional-commit title, or null
 * when the title is not one. Leading and trailing white space is ignored.
 */
export function conventionalCommit(title: string): { type: string; scope: string | null } | null {
  const match = CONVENTIONAL_COMMIT.exec(title.trim());
  if (match === null) return null;
  const [, type = "", scope] = match;
  return { type: type.toLowerCase(), scope: scope?.trim().toLowerCase() ?? null };
}
