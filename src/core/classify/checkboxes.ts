// Signal 2 of PRODUCT.md §2: ticked task-list boxes in the description (`- [x] Tech debt`). The
// boxes are GFM task-list items of the same Markdown reading the hypothesis parser uses, so a
// box inside a comment or fenced code never counts, exactly as there.
import { blocksOf, readMarkdown } from "../markdown/tree.ts";
import { firstLine, trimCharacters } from "../text.ts";
import type { ClassificationRules } from "../types.ts";

/** The configured wording of each ticked box, or null when no box of that category is ticked. */
export interface TickedBoxes {
  customerValue: string | null;
  techDebt: string | null;
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;
/** Characters that may wrap the wording as emphasis: `**Tech debt**`, `_Customer value_`. */
const EMPHASIS_MARKERS = "*_";
/** Only the start of a box's text is compared with a wording. */
const MAX_COMPARED = 200;

/** One configured wording, prepared once per scan. */
interface Wording {
  /** As configured, for the reason. */
  text: string;
  /** Lower-cased, trimmed, inner white space collapsed to one space, emphasis stepped over. */
  folded: string;
}

/** Finds the ticked boxes of each category in `body`. */
export function findTickedBoxes(body: string, checkboxes: ClassificationRules["checkboxes"]): TickedBoxes {
  const ticked: TickedBoxes = { customerValue: null, techDebt: null };
  const customerValue = prepareWordings(checkboxes.customerValue);
  const techDebt = prepareWordings(checkboxes.techDebt);
  if ((customerValue.length === 0 && techDebt.length === 0) || !body.includes("[")) return ticked;
  const { source, root } = readMarkdown(body);
  for (const node of blocksOf(root)) {
    if (node.type !== "listItem" || node.checked !== true) continue;
    const first = node.children[0];
    if (first?.type !== "paragraph" || first.position === undefined) continue;
    const start = first.position.start.offset ?? 0;
    const text = foldBoxText(source.slice(start, Math.min(first.position.end.offset ?? start, start + MAX_COMPARED)));
    ticked.customerValue ??= matchingWording(text, customerValue);
    ticked.techDebt ??= matchingWording(text, techDebt);
    if (ticked.customerValue !== null && ticked.techDebt !== null) break;
  }
  return ticked;
}

function prepareWordings(wordings: readonly string[]): Wording[] {
  const prepared: Wording[] = [];
  for (const configured of wordings) {
    const text = trimCharacters(configured.trim(), EMPHASIS_MARKERS).trim();
    const folded = foldBoxText(text);
    // An empty wording would match every ticked box; the config should never hold one.
    if (folded !== "") prepared.push({ text, folded });
  }
  return prepared;
}

/** A box's first line, compared as words: emphasis before it stepped over, case and spacing folded. */
function foldBoxText(text: string): string {
  return trimCharacters(firstLine(text).trim(), EMPHASIS_MARKERS)
    .replace(/[ \t]+/g, " ")
    .toLowerCase();
}

/** The first wording the box's text begins with, ending at a word boundary. */
function matchingWording(text: string, wordings: readonly Wording[]): string | null {
  for (const wording of wordings) {
    if (!text.startsWith(wording.folded)) continue;
    const next = text.charAt(wording.folded.length);
    if (WORD_CHARACTER.test(wording.folded.slice(-1)) && WORD_CHARACTER.test(next)) continue;
    return wording.text;
  }
  return null;
}
