import type { Nodes, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import type { Extension as MdastExtension } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { neutraliseForParsing } from "./guard.ts";
import { parseWindows } from "./windows.ts";

// The hypothesis lives in the block structure (paragraph lines, list items, table cells,
// headings); values are sliced from the source, never rebuilt from inline nodes. Inline parsing
// is therefore switched off: it buys nothing here and micromark's inline resolvers are
// superlinear on hostile input (64 KB of `*_` takes ~100 s, of `[a]c` ~5 s, of `]` ~60 s).
// Labels such as `**Customer:**` are read from each line's source by labels.ts instead.
const INLINE_CONSTRUCTS = [
  "attention",
  "autolink",
  "characterEscape",
  "characterReference",
  "codeText",
  "hardBreakEscape",
  "htmlText",
  "labelEnd",
  "labelStartImage",
  "labelStartLink",
  "strikethrough",
  "gfmFootnoteCall",
  "gfmPotentialFootnoteCall",
  "wwwAutolink",
  "protocolAutolink",
  "emailAutolink",
];

// Link reference definitions would swallow lines like `[Metric]: …`; footnote definitions are
// containers that nest without bound (`[^a]: [^a]: …`). Neither carries a hypothesis.
const UNUSED_BLOCK_CONSTRUCTS = ["definition", "gfmFootnoteDefinition"];

const MICROMARK_EXTENSIONS = [gfm(), { disable: { null: [...INLINE_CONSTRUCTS, ...UNUSED_BLOCK_CONSTRUCTS] } }];

/**
 * GFM's tree extensions minus their transforms: the only transform turns bare URLs into links
 * with regular expressions that backtrack on long punctuated words, and links are never read.
 */
const MDAST_EXTENSIONS: MdastExtension[] = gfmFromMarkdown().map((extension) => ({
  ...extension,
  transforms: [],
}));

/** A description as value-pr reads it: the guarded source and its block tree, whose offsets index it. */
export interface MarkdownReading {
  source: string;
  root: Root;
}

let lastReading: { markdown: string; reading: MarkdownReading } | undefined;

/**
 * The one Markdown reading of a description, shared by the hypothesis parser and the
 * classifier's checkboxes: comments removed and hostile nesting capped (guard.ts), then the
 * block tree. The last description's reading is kept, since one verdict reads it twice.
 */
export function readMarkdown(markdown: string): MarkdownReading {
  if (lastReading?.markdown === markdown) return lastReading.reading;
  const source = neutraliseForParsing(markdown);
  const reading = { source, root: parseBlockTree(source) };
  lastReading = { markdown, reading };
  return reading;
}

/** The nodes of a tree in document order, without recursion (nesting depth cannot overflow). */
export function* blocksOf(root: Root): Generator<Nodes> {
  const pending: Nodes[] = [...root.children].reverse();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    yield node;
    if ("children" in node) for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index] as Nodes);
  }
}

/**
 * Parses Markdown into its block tree, window by window (see windows.ts) with every offset made
 * relative to `source` again. The source must already have passed through
 * `neutraliseForParsing`, which bounds nesting. Never throws: a window the parser fails on
 * contributes nothing, and the judge reports what is then missing.
 */
export function parseBlockTree(source: string): Root {
  const children: RootContent[] = [];
  for (const [start, end] of parseWindows(source)) {
    const window = parseWindow(source.slice(start, end));
    if (start > 0) shiftOffsets(window, start);
    for (const child of window.children) children.push(child);
  }
  return { type: "root", children };
}

function parseWindow(markdown: string): Root {
  try {
    return fromMarkdown(markdown, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS });
  } catch {
    return { type: "root", children: [] };
  }
}

/** Moves every node's offsets by `base`; columns stay right because windows start at lines. */
function shiftOffsets(tree: Root, base: number): void {
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { position } = node;
    if (position !== undefined) {
      node.position = {
        start: { ...position.start, offset: (position.start.offset ?? 0) + base },
        end: { ...position.end, offset: (position.end.offset ?? 0) + base },
      };
    }
    if ("children" in node) for (const child of node.children) pending.push(child);
  }
}
