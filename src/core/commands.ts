// `/value-pr <command> <arguments>` in a comment: a line of a paragraph that starts with it.
// Lines inside fenced or indented code, block quotes and HTML are quotations, not commands: a
// reply quoting someone's command, or value-pr's own reply syntax in a code block, runs nothing.
import type { Nodes } from "mdast";
import { readMarkdown } from "./markdown/tree.ts";
import { splitLines } from "./text.ts";

export const COMMAND_NAMES = ["report", "outcome"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export interface Command {
  name: CommandName;
  /** The rest of the line, trimmed. */
  args: string;
}

const COMMAND_LINE = /^[ \t]*\/value-pr[ \t]+(\S+)(?:[ \t]+(.*?))?[ \t]*$/;

/** Whether a comment could hold a command at all: the cheap test before any parsing. */
export function mayHoldCommand(body: string): boolean {
  return body.includes("/value-pr");
}

/** The commands of a comment, in order. */
export function readCommands(body: string): Command[] {
  if (!mayHoldCommand(body)) return [];
  const { source, root } = readMarkdown(body);
  const commands: Command[] = [];
  // Depth-first without recursion; quotations are not entered.
  const pending: Nodes[] = [...root.children].reverse();
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.type === "blockquote" || node.type === "code" || node.type === "html") continue;
    if (node.type === "paragraph") {
      const text = source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      for (const line of splitLines(text)) {
        const match = COMMAND_LINE.exec(line);
        const name = COMMAND_NAMES.find((candidate) => candidate === match?.[1]?.toLowerCase());
        if (name !== undefined) commands.push({ name, args: match?.[2] ?? "" });
      }
      continue;
    }
    if ("children" in node) for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index] as Nodes);
  }
  return commands;
}
