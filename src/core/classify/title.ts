// Signal 4 of PRODUCT.md §2: the conventional-commit type of the title, `type(scope)!: subject`.
//
// Read strictly by the Conventional Commits grammar, because a loose reading turns prose into
// signals: "Fix the bug", "Fixes login" and "feat" start with a type-like word but declare no
// type. So the type must be followed, with nothing in between, by an optional non-empty
// `(scope)`, an optional `!`, a colon, white space and a non-empty subject. In particular
// "chore (deps): x" (a space before the scope) and "fix:x" (no space after the colon) give no
// signal, as the specification reads them.

const code = {
  tab: 9,
  space: 32,
  bang: 33,
  openParen: 40,
  closeParen: 41,
  dash: 45,
  colon: 58,
  underscore: 95,
} as const;

function isAsciiLetter(charCode: number): boolean {
  return (charCode >= 65 && charCode <= 90) || (charCode >= 97 && charCode <= 122);
}

function isAsciiDigit(charCode: number): boolean {
  return charCode >= 48 && charCode <= 57;
}

/** Types are words such as `feat` or `tech-debt`: a letter, then letters, digits, `-` or `_`. */
function isTypeCharacter(charCode: number): boolean {
  return isAsciiLetter(charCode) || isAsciiDigit(charCode) || charCode === code.dash || charCode === code.underscore;
}

/** The lower-cased type of a conventional-commit title, or null when the title is not one. */
export function conventionalCommitType(title: string): string | null {
  return conventionalCommit(title)?.type ?? null;
}

/**
 * The lower-cased type and scope (`null` without one) of a conventional-commit title, or null
 * when the title is not one. Leading and trailing white space is ignored. Linear in the title.
 */
export function conventionalCommit(title: string): { type: string; scope: string | null } | null {
  const text = title.trim();
  if (!isAsciiLetter(text.charCodeAt(0))) return null;
  let index = 1;
  while (index < text.length && isTypeCharacter(text.charCodeAt(index))) index++;
  const type = text.slice(0, index).toLowerCase();

  let scope: string | null = null;
  if (text.charCodeAt(index) === code.openParen) {
    const scopeEnd = scopeClose(text, index + 1);
    if (scopeEnd < 0) return null;
    scope = text
      .slice(index + 1, scopeEnd)
      .trim()
      .toLowerCase();
    index = scopeEnd + 1;
  }
  if (text.charCodeAt(index) === code.bang) index++;
  if (text.charCodeAt(index) !== code.colon) return null;
  index++;
  const separator = text.charCodeAt(index);
  if (separator !== code.space && separator !== code.tab) return null;
  // The text is trimmed, so white space after the colon is followed by a non-empty subject
  // exactly when the text goes on past it.
  while (index < text.length && (text.charCodeAt(index) === code.space || text.charCodeAt(index) === code.tab)) index++;
  return index < text.length ? { type, scope } : null;
}

/** Index of the `)` that closes a non-blank scope opened just before `from`; -1 when there is none. */
function scopeClose(text: string, from: number): number {
  let blank = true;
  for (let index = from; index < text.length; index++) {
    const charCode = text.charCodeAt(index);
    if (charCode === code.closeParen) return blank ? -1 : index;
    // A nested `(` or a line break means this is not a scope (titles are one line).
    if (charCode === code.openParen || charCode === 10 || charCode === 13) return -1;
    if (charCode !== code.space && charCode !== code.tab) blank = false;
  }
  return -1;
}
