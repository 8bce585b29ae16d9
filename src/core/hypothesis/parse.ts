import type { Heading, List, Paragraph, Root, RootContent, Table, TableCell, TableRow } from "mdast";
import { FIELD_KEYS } from "../types.ts";
import type { ExtractedField, ExtractedHypothesis, FieldKey, FieldShape, Review } from "../types.ts";
import { canonicalValueType, parseReview } from "./extras.ts";
import { assessFieldText, isUsable } from "./field-quality.ts";
import { displayLabel, LabelMatcher } from "./labels.ts";
import type { LabelledLine, Slot } from "./labels.ts";
import { readMarkdown } from "../markdown/tree.ts";
import { readSentenceForms } from "./sentence-forms.ts";
import { collapseWhitespace, splitLines, lineStart, linesOf } from "../text.ts";

export interface ExtractOptions {
  labels: Record<FieldKey, string[]>;
  sections: string[];
}

/** One place in the description that declares a value for a slot. */
interface Candidate {
  slot: Slot;
  text: string;
  label: string;
  shape: FieldShape;
  /** Where the declaration starts in the source: orders candidates, places them in sections. */
  offset: number;
}

/**
 * A value made of whole blocks (after a label heading, or after a label alone on its line). It
 * ends at the first labelled line inside it, which is only known once the whole tree is read.
 */
interface BlockRegion extends Omit<Candidate, "text"> {
  start: number;
  end: number;
  /** 1-based column of `start`; continuation lines lose up to this much container prefix. */
  startColumn: number;
}

interface HeadingMark {
  offset: number;
  depth: number;
  opensSection: boolean;
}

interface Line {
  text: string;
  /** Offset in the source where the line begins, container prefix included. */
  start: number;
}

/** A labelled line and the lines that continue it, up to the next labelled line. */
interface LabelledRun {
  line: Line;
  labelled: LabelledLine;
  parts: string[];
}

interface Frame {
  siblings: readonly RootContent[];
  next: number;
}

/** A label alone on its line takes the next block as its value when it is one of these. */
const VALUE_BLOCK_TYPES: ReadonlySet<string> = new Set(["paragraph", "list", "blockquote", "code"]);
const CONTAINER_PREFIX_CHARACTERS = " \t>";
/** What an options list with nothing ticked declares: an unanswered box, which is a placeholder. */
const UNANSWERED = "[ ]";

/**
 * Finds the outcome hypothesis in a pull request description: the four fields in any accepted
 * shape (labelled lines, list items, tables in either orientation, label headings, a label
 * followed by a block, the two sentence forms), plus the optional value type and review.
 * Pure, linear in the input, and never throws.
 */
export function extractHypothesis(markdown: string, options: ExtractOptions): ExtractedHypothesis {
  const { source, root } = readMarkdown(typeof markdown === "string" ? markdown : "");
  const matcher = new LabelMatcher(options.labels, options.sections);
  const collector = new CandidateCollector(source, matcher);
  collector.collect(root);
  return chooseDeclarations(collector.candidates(), collector.sectionRanges());
}

class CandidateCollector {
  private readonly found: Candidate[] = [];
  private readonly regions: BlockRegion[] = [];
  /** Line starts of every labelled line, label heading and label table, in document order. */
  private readonly labelSites: number[] = [];
  private readonly headings: HeadingMark[] = [];

  private readonly source: string;
  private readonly matcher: LabelMatcher;

  constructor(source: string, matcher: LabelMatcher) {
    this.source = source;
    this.matcher = matcher;
  }

  /** Visits blocks in document order with an explicit stack: nesting depth cannot overflow. */
  collect(root: Root): void {
    const stack: Frame[] = [{ siblings: root.children, next: 0 }];
    for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
      const node = frame.siblings[frame.next];
      if (node === undefined) {
        stack.pop();
        continue;
      }
      const index = frame.next++;
      if (node.type === "heading") this.visitHeading(node, frame.siblings, index);
      else if (node.type === "paragraph") this.visitParagraph(node, frame.siblings, index);
      else if (node.type === "table") this.visitTable(node);
      else if (node.type === "blockquote" || node.type === "list" || node.type === "listItem") {
        stack.push({ siblings: node.children, next: 0 });
      }
    }
  }

  /** Every candidate, with block regions cut at the first label inside them. */
  candidates(): Candidate[] {
    const sites = [...this.labelSites].sort((left, right) => left - right);
    const fromRegions = this.regions.map((region) => this.closeRegion(region, sites));
    return [...this.found, ...fromRegions].sort((left, right) => left.offset - right.offset);
  }

  /** Source ranges covered by hypothesis sections: from the heading to the next heading of the
   * same or a higher level. */
  sectionRanges(): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    let open: HeadingMark | null = null;
    for (const heading of this.headings) {
      if (open !== null && heading.depth <= open.depth) {
        ranges.push([open.offset, heading.offset]);
        open = null;
      }
      if (open === null && heading.opensSection) open = heading;
    }
    if (open !== null) ranges.push([open.offset, this.source.length]);
    return ranges;
  }

  private visitHeading(node: Heading, siblings: readonly RootContent[], index: number): void {
    const start = startOffset(node);
    const text = this.childrenSource(node.children);
    const opensSection = this.matcher.isSection(text);
    this.headings.push({ offset: start, depth: node.depth, opensSection });
    if (opensSection) return;
    const slot = this.matcher.slotOf(text);
    if (slot !== null) {
      this.labelSites.push(lineStart(this.source, start));
      this.regions.push(this.headingRegion(node, siblings, index, slot, displayLabel(text)));
      return;
    }
    const labelled = this.matcher.readLabelledLine(text);
    const value = labelled === null ? "" : collapseWhitespace(text.slice(labelled.valueStart));
    if (labelled === null || value === "") return;
    this.labelSites.push(lineStart(this.source, start));
    this.found.push({ slot: labelled.slot, text: value, label: labelled.label, shape: "heading", offset: start });
  }

  /** The blocks after a label heading, up to the next heading of the same or a higher level. */
  private headingRegion(heading: Heading, siblings: readonly RootContent[], index: number, slot: Slot, label: string): BlockRegion {
    let last = index;
    for (let next = index + 1; next < siblings.length; next++) {
      const sibling = siblings[next];
      if (sibling === undefined || (sibling.type === "heading" && sibling.depth <= heading.depth)) break;
      last = next;
    }
    const first = siblings[index + 1];
    const offset = startOffset(heading);
    if (last === index || first === undefined) {
      return { slot, label, shape: "heading", offset, start: endOffset(heading), end: endOffset(heading), startColumn: 1 };
    }
    const lastBlock = siblings[last] ?? first;
    const startColumn = first.position?.start.column ?? 1;
    return { slot, label, shape: "heading", offset, start: startOffset(first), end: endOffset(lastBlock), startColumn };
  }

  private visitParagraph(node: Paragraph, siblings: readonly RootContent[], index: number): void {
    const lines = this.paragraphLines(node);
    const runs = this.labelledRuns(lines);
    runs.forEach((run, position) => {
      this.labelSites.push(run.line.start);
      const endsParagraph = position === runs.length - 1 && run.line === lines.at(-1);
      this.declareLabelledRun(run, endsParagraph ? siblings[index + 1] : undefined);
    });
    this.collectSentences(lines, startOffset(node));
  }

  /**
   * The labelled lines of a paragraph, each with the unlabelled lines that continue it. A line
   * that opens with a label value-pr does not know (`**Ticket:** SUP-1234`) continues nothing.
   */
  private labelledRuns(lines: readonly Line[]): LabelledRun[] {
    const runs: LabelledRun[] = [];
    let open: LabelledRun | undefined;
    for (const line of lines) {
      const labelled = this.matcher.readLabelledLine(line.text);
      if (labelled !== null) {
        open = { line, labelled, parts: [line.text.slice(labelled.valueStart)] };
        runs.push(open);
      } else if (this.matcher.opensWithLabel(line.text)) {
        open = undefined;
      } else {
        open?.parts.push(line.text);
      }
    }
    return runs;
  }

  /** A label left alone at the end of its paragraph takes the block after it as its value. */
  private declareLabelledRun(run: LabelledRun, nextBlock: RootContent | undefined): void {
    const text = collapseWhitespace(run.parts.join(" "));
    const { slot, label } = run.labelled;
    const options = text === "" && nextBlock?.type === "list" ? this.taskListAnswer(nextBlock) : null;
    if (options !== null) {
      this.found.push({ slot, text: options, label, shape: "labelled", offset: run.line.start });
    } else if (text === "" && nextBlock !== undefined && VALUE_BLOCK_TYPES.has(nextBlock.type)) {
      this.regions.push(this.blockRegion(nextBlock, slot, label, run.line.start));
    } else {
      this.found.push({ slot, text, label, shape: "labelled", offset: run.line.start });
    }
  }

  /**
   * A list of options to tick under a label (`- [ ] Admins` / `- [x] End users`): the ticked
   * ones are the answer; none ticked is a question not yet answered, a placeholder. Null when
   * the list is not a task list.
   */
  private taskListAnswer(list: List): string | null {
    if (list.children.length === 0 || list.children.some((item) => typeof item.checked !== "boolean")) return null;
    const ticked = list.children.filter((item) => item.checked === true).map((item) => collapseWhitespace(this.childrenSource(item.children)));
    return ticked.length === 0 ? UNANSWERED : ticked.join(", ");
  }

  private blockRegion(block: RootContent, slot: Slot, label: string, offset: number): BlockRegion {
    const startColumn = block.position?.start.column ?? 1;
    return { slot, label, shape: "labelled", offset, start: startOffset(block), end: endOffset(block), startColumn };
  }

  private collectSentences(lines: readonly Line[], paragraphStart: number): void {
    // Lines stay apart: a clause of a sentence form ends at the end of its line.
    const text = lines.map((line) => collapseWhitespace(line.text)).join("\n");
    for (const field of readSentenceForms(text)) {
      const offset = paragraphStart + field.index;
      this.found.push({ slot: field.key, text: field.text, label: field.label, shape: "sentence", offset });
    }
  }

  /** A paragraph's lines, each without the container prefix (`> `, indentation) it repeats. */
  private paragraphLines(node: Paragraph): Line[] {
    const start = startOffset(node);
    const raw = this.source.slice(start, endOffset(node));
    const prefixWidth = (node.position?.start.column ?? 1) - 1;
    const lines: Line[] = [];
    for (const line of linesOf(raw)) {
      const text = raw.slice(line.start, line.end);
      const isFirst = lines.length === 0;
      lines.push({
        text: isFirst ? text : stripContainerPrefix(text, prefixWidth),
        start: isFirst ? lineStart(this.source, start) : start + line.start,
      });
    }
    return lines;
  }

  private visitTable(node: Table): void {
    const [header, ...body] = node.children;
    if (header === undefined) return;
    const bodyHasLabelColumn = body.some((row) => this.firstCellSlot(row) !== null);
    const headerSlots = header.children.map((cell) => this.matcher.slotOf(this.cellSource(cell)));
    const labelledHeaderCells = headerSlots.filter((slot) => slot !== null).length;
    const firstBodyRow = body[0];
    this.labelSites.push(lineStart(this.source, startOffset(node)));
    if (!bodyHasLabelColumn && labelledHeaderCells >= 2 && firstBodyRow !== undefined) {
      this.readColumnTable(header, headerSlots, firstBodyRow);
    } else {
      for (const row of node.children) this.readLabelRow(row);
    }
  }

  /** `| Customer | Outcome | … |` over one row of values. */
  private readColumnTable(header: TableRow, headerSlots: ReadonlyArray<Slot | null>, values: TableRow): void {
    headerSlots.forEach((slot, column) => {
      const labelCell = header.children[column];
      if (slot === null || labelCell === undefined) return;
      const valueCell = values.children[column];
      const text = valueCell === undefined ? "" : collapseWhitespace(this.cellSource(valueCell));
      const label = displayLabel(this.cellSource(labelCell));
      this.found.push({ slot, text, label, shape: "table", offset: startOffset(labelCell) });
    });
  }

  /** `| Outcome | faster triage |`: a label in the first cell, the value in the second. */
  private readLabelRow(row: TableRow): void {
    const labelCell = row.children[0];
    const slot = this.firstCellSlot(row);
    if (slot === null || labelCell === undefined) return;
    const valueCell = row.children[1];
    const text = valueCell === undefined ? "" : collapseWhitespace(this.cellSource(valueCell));
    const label = displayLabel(this.cellSource(labelCell));
    this.found.push({ slot, text, label, shape: "table", offset: startOffset(row) });
  }

  private firstCellSlot(row: TableRow): Slot | null {
    const cell = row.children[0];
    return cell === undefined ? null : this.matcher.slotOf(this.cellSource(cell));
  }

  private cellSource(cell: TableCell): string {
    return this.childrenSource(cell.children);
  }

  /** The source between a node's first and last child (its content without its syntax). */
  private childrenSource(children: ReadonlyArray<{ position?: Heading["position"] }>): string {
    const first = children[0];
    const last = children.at(-1);
    if (first === undefined || last === undefined) return "";
    return this.source.slice(startOffset(first), endOffset(last));
  }

  private closeRegion(region: BlockRegion, sortedSites: readonly number[]): Candidate {
    const { start, end, startColumn, ...declaration } = region;
    const cut = firstAtOrAfter(sortedSites, lineStart(this.source, start));
    const stop = Math.min(end, cut);
    const text = stop <= start ? "" : this.regionText(start, stop, startColumn);
    return { ...declaration, text };
  }

  private regionText(start: number, end: number, startColumn: number): string {
    const unprefixed = splitLines(this.source.slice(start, end)).map((line, index) => (index === 0 ? line : stripContainerPrefix(line, startColumn - 1)));
    return collapseWhitespace(unprefixed.join(" "));
  }
}

function startOffset(node: { position?: Heading["position"] }): number {
  return node.position?.start.offset ?? 0;
}

function endOffset(node: { position?: Heading["position"] }): number {
  return node.position?.end.offset ?? 0;
}

/** Drops up to `width` leading characters of container syntax (`>`, spaces, tabs). */
function stripContainerPrefix(line: string, width: number): string {
  let index = 0;
  while (index < width && index < line.length && CONTAINER_PREFIX_CHARACTERS.includes(line[index] ?? "")) index++;
  return line.slice(index);
}

/** Whether `offset` falls in one of the sorted, disjoint `[start, end)` ranges. */
function isInRanges(ranges: ReadonlyArray<[number, number]>, offset: number): boolean {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const [start, end] = ranges[middle] ?? [0, 0];
    if (offset < start) high = middle;
    else if (offset >= end) low = middle + 1;
    else return true;
  }
  return false;
}

/** Binary search: the first value ≥ `target`, or +∞. */
function firstAtOrAfter(sorted: readonly number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < target) low = middle + 1;
    else high = middle;
  }
  return sorted[low] ?? Infinity;
}

/**
 * Picks one declaration per slot. A usable value beats an unusable one (a placeholder left in
 * the template section does not hide a real value written elsewhere); among equally usable
 * ones, a declaration inside a hypothesis section beats one outside; then the first one wins.
 */
function chooseDeclarations(candidates: readonly Candidate[], sections: ReadonlyArray<[number, number]>): ExtractedHypothesis {
  const best = new Map<Slot, { candidate: Candidate; rank: number }>();
  for (const candidate of candidates) {
    const inSection = isInRanges(sections, candidate.offset);
    const rank = (isUsableDeclaration(candidate) ? 0 : 2) + (inSection ? 0 : 1);
    const current = best.get(candidate.slot);
    if (current === undefined || rank < current.rank) best.set(candidate.slot, { candidate, rank });
  }
  const fields: Partial<Record<FieldKey, ExtractedField>> = {};
  for (const key of FIELD_KEYS) {
    const chosen = best.get(key)?.candidate;
    if (chosen !== undefined) fields[key] = { text: chosen.text, label: chosen.label, shape: chosen.shape };
  }
  return { fields, valueType: valueTypeOf(best.get("valueType")?.candidate), review: reviewOf(best.get("review")?.candidate) };
}

function isUsableDeclaration(candidate: Candidate): boolean {
  if (candidate.slot === "review") return parseReview(candidate.text) !== null;
  return isUsable(assessFieldText(candidate.text).kind);
}

function valueTypeOf(candidate: Candidate | undefined): string | null {
  if (candidate === undefined || !isUsableDeclaration(candidate)) return null;
  return canonicalValueType(candidate.text);
}

function reviewOf(candidate: Candidate | undefined): Review | null {
  return candidate === undefined ? null : parseReview(candidate.text);
}
