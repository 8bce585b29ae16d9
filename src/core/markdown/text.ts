// Small string helpers shared by the parser and the judge. They avoid regular expressions that
// anchor a repeated class at the end (`[,;]+$`): on a long run of those characters V8 retries
// the run from every start position, which is quadratic.

/** Collapses every run of white space to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Removes leading and trailing characters that belong to `set`. */
export function trimCharacters(text: string, set: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && set.includes(text[start] ?? "")) start++;
  while (end > start && set.includes(text[end - 1] ?? "")) end--;
  return text.slice(start, end);
}

/** Removes trailing characters that belong to `set`. */
export function trimEndCharacters(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

/** Cuts `text` to at most `limit` characters, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`;
}
