// Text quoted from a pull request goes back into comments and check runs that GitHub renders as
// Markdown. Quoting it raw would let a description ping people (@org/team), inject links,
// images, HTML or break our tables, so every quote passes through here.

const DEFAULT_MAX_LENGTH = 160;

/** Characters that carry Markdown or HTML meaning inline, or break a GFM table cell. */
const MARKDOWN_SPECIAL = new Set(["\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "~", "!", "<", ">", "&", "+", "-", "=", ":"]);

/**
 * One line of inert text: white space collapsed, trimmed to `maxLength` characters (with an
 * ellipsis), Markdown punctuation escaped, HTML neutralised and @-mentions broken with a
 * zero-width space so GitHub links nobody.
 */
export function quote(text: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  const cut = chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join("").trimEnd()}…` : flat;
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

/** Inline code for names we control or that GitHub restricts (logins, labels, branches). */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const longestRun = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
