import { configJsonSchema } from "./schema.ts";

interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum !== undefined) return node.enum.map((value) => `\`${String(value)}\``).join(" \\| ");
  if (node.type === "array") return `list of ${node.items === undefined ? "values" : typeOf(node.items)}`;
  if (node.type === "number" && node.minimum !== undefined && node.maximum !== undefined) {
    return `number ${node.minimum}–${node.maximum}`;
  }
  return node.type ?? "any";
}

function defaultOf(node: JsonSchemaNode): string {
  if (node.default === undefined) return "";
  if (Array.isArray(node.default)) return node.default.map((value) => `\`${String(value)}\``).join(", ");
  return `\`${JSON.stringify(node.default)}\``;
}

/**
 * The configuration reference as a Markdown table, generated from the one zod schema so the
 * docs cannot drift from what the code accepts (a test compares it with README.md).
 */
export function configReferenceMarkdown(): string {
  const rows: string[] = [];
  const walk = (node: JsonSchemaNode, path: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (key === "_extends") continue;
      const keyPath = [...path, key];
      if (child.type === "object" && child.properties !== undefined && Object.keys(child.properties).length > 0) {
        walk(child, keyPath);
        continue;
      }
      rows.push(`| \`${keyPath.join(".")}\` | ${typeOf(child)} | ${defaultOf(child)} | ${child.description ?? ""} |`);
    }
  };
  walk(configJsonSchema() as JsonSchemaNode, []);
  return ["| key | type | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
