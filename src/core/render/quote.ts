// Text quoted from a pull request goes back into comments and check runs that GitHub renders as
// Markdown. Quoting it raw would let a description ping people (@org/team), inject links,
// images, HTML or break our tables, so every quote passes through here.

const DEFAULT_MAX_LENGTH = 160;

/** Characters that carry Markdown or HTML meaning inline, or break a GFM table cell. */
const MARKDOWN_SPECIAL = new Set(["\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "~", "!", "<", ">", "&", "+", "-", "=", ":"]);

/**
 * Control characters (NUL and the rest of C0 and C1) and the bidirectional overrides and
 * isolates, which can make a quote display other than it reads (U+202E reverses what follows).
 * Quoted text drops them; white space is handled before.
 */
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * One line of inert text: white space collapsed, control characters dropped, trimmed to
 * `maxLength` characters (with an ellipsis), Markdown punctuation escaped, HTML neutralised and @-mentions broken with a
 * zero-width space so GitHub links nobody.
 */
export function quote(text: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").replace(INVISIBLE_CONTROLS, "").trim();
  const chars = Array.from(flat);
  const cut =
    chars.length > maxLength
      ? `${chars
          .slice(0, maxLength - 1)
          .join("")
          .trimEnd()}…`
      : flat;
  let out = "";
  for (const ch of cut) {
    if (ch === "@") out += "@&#8203;";
    else if (ch === "<") out += "&lt;";
    else if (ch === ">") out += "&gt;";
    else if (ch === "&") out += "&amp;";
    else if (MARKDOWN_SPECIAL.has(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** Our own words (a reason, a configured name) as Markdown text: escaped like PR text, never cut. */
export function prose(text: string): string {
  return quote(text, Number.POSITIVE_INFINITY);
}

/** Markdown blocks separated by blank lines; null and empty blocks are left out. */
export function joinBlocks(blocks: ReadonlyArray<string | null>): string {
  return blocks.filter((block): block is string => block !== null && block !== "").join("\n\n");
}

/** Inline code for names we control or that GitHub restricts (logins, labels, branches). */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, " ").replace(INVISIBLE_CONTROLS, "").trim();
  const longestRun = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
