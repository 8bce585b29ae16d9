// Matches requests to GitHub REST operations and validates them against rest-operations.json,
// the table extract-rest-operations.ts derives from GitHub's OpenAPI description.
import { readFileSync } from "node:fs";

export type JsonType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/** A top-level request body property. No `type` means any type; no `enum` means any value. */
export interface BodyProperty {
  type?: JsonType[];
  enum?: unknown[];
}

export interface BodySchema {
  /** JSON types the body itself may have (a few operations also take a bare array or string). */
  type: JsonType[];
  required: string[];
  properties: Record<string, BodyProperty>;
  /** Whether properties not in `properties` are accepted (see extract-rest-operations.ts). */
  additionalProperties: boolean;
}

export interface RestOperation {
  operationId: string;
  method: string;
  /** Path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  path: string;
  query: string[];
  queryEnums?: Record<string, string[]>;
  body?: BodySchema;
}

export interface RestOperationTable {
  source: string;
  openapiVersion: string;
  operations: RestOperation[];
}

export interface RestMatch {
  operation: RestOperation;
  params: Record<string, string>;
}

export const restOperationTable: RestOperationTable = JSON.parse(readFileSync(new URL("./rest-operations.json", import.meta.url), "utf8"));

// Parameters whose values are paths or git refs: clients may send them with their slashes
// unencoded (`contents/.github/value-pr.yml`), which GitHub accepts in the final position.
const MULTI_SEGMENT_PARAMS = new Set(["path", "ref", "branch", "basehead"]);

interface Route {
  operation: RestOperation;
  /** Literal segments as strings, parameters as `{ param }`. */
  segments: Array<string | { param: string }>;
}

const routesByMethod = new Map<string, Route[]>();
for (const operation of restOperationTable.operations) {
  const segments = operation.path
    .split("/")
    .slice(1)
    .map((segment) => (/^\{\w+\}$/.test(segment) ? { param: segment.slice(1, -1) } : segment));
  const routes = routesByMethod.get(operation.method) ?? [];
  routes.push({ operation, segments });
  routesByMethod.set(operation.method, routes);
}

export function findRestOperation(operationId: string): RestOperation | undefined {
  return restOperationTable.operations.find((operation) => operation.operationId === operationId);
}

/**
 * Finds the operation for a method and a URL path (base path already stripped, still
 * percent-encoded). Where several templates match, literal segments beat parameters, earliest
 * segment first: `/repos/o/r/pulls/comments` is pulls/list-review-comments-for-repo, not pulls/get.
 */
export function matchRestOperation(method: string, encodedPath: string): RestMatch | undefined {
  const requestSegments = encodedPath.replace(/\/+$/, "").split("/").slice(1);
  let best: { route: Route; rank: string; params: Record<string, string> } | undefined;
  for (const route of routesByMethod.get(method.toUpperCase()) ?? []) {
    const params = matchSegments(route.segments, requestSegments);
    if (!params) continue;
    // Exact-length matches rank before trailing multi-segment ones.
    const rank = (route.segments.length === requestSegments.length ? "0" : "1") + route.segments.map((s) => (typeof s === "string" ? "0" : "1")).join("");
    if (!best || rank < best.rank) best = { route, rank, params };
  }
  return best && { operation: best.route.operation, params: best.params };
}

function matchSegments(template: Route["segments"], actual: string[]): Record<string, string> | undefined {
  const last = template.at(-1);
  const absorbsRest = typeof last === "object" && MULTI_SEGMENT_PARAMS.has(last.param);
  if (actual.length !== template.length && !(absorbsRest && actual.length > template.length)) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of template.entries()) {
    const value = index === template.length - 1 ? actual.slice(index).join("/") : actual[index];
    if (value === undefined) return undefined;
    if (typeof segment === "string") {
      if (segment !== value) return undefined;
      continue;
    }
    if (value === "") return undefined;
    try {
      params[segment.param] = decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return params;
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

const typeAllowed = (value: unknown, allowed: JsonType[]): boolean => {
  const actual = jsonTypeOf(value);
  return allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
};

/**
 * Checks query parameters and the JSON body (undefined when the request had none) against the
 * operation. Returns one message per problem; empty when the request is valid.
 */
export function validateRestRequest(operation: RestOperation, query: URLSearchParams, body: unknown): string[] {
  const where = `${operation.operationId} (${operation.method} ${operation.path})`;
  const problems: string[] = [];
  for (const [name, value] of query) {
    if (!operation.query.includes(name)) problems.push(`${where}: unknown query parameter "${name}"`);
    const allowed = operation.queryEnums?.[name];
    if (allowed && !allowed.includes(value))
      problems.push(`${where}: query parameter ${name}=${JSON.stringify(value)} is not one of ${JSON.stringify(allowed)}`);
  }

  const schema = operation.body;
  if (body === undefined) {
    if (schema && schema.required.length > 0) problems.push(`${where}: missing request body (requires ${schema.required.join(", ")})`);
    return problems;
  }
  if (!schema) return [...problems, `${where}: takes no JSON request body, got ${JSON.stringify(body)}`];
  if (!typeAllowed(body, schema.type)) return [...problems, `${where}: request body is ${jsonTypeOf(body)}, expected ${schema.type.join(" or ")}`];
  if (jsonTypeOf(body) !== "object") return problems;

  const fields = body as Record<string, unknown>;
  for (const name of schema.required) {
    if (!(name in fields)) problems.push(`${where}: missing required body property "${name}"`);
  }
  for (const [name, value] of Object.entries(fields)) {
    const property = schema.properties[name];
    if (!property) {
      if (!schema.additionalProperties) problems.push(`${where}: unknown body property "${name}" (known: ${Object.keys(schema.properties).join(", ")})`);
      continue;
    }
    if (property.type && !typeAllowed(value, property.type)) {
      problems.push(`${where}: body property "${name}" is ${jsonTypeOf(value)}, expected ${property.type.join(" or ")}`);
    } else if (property.enum && !property.enum.includes(value)) {
      problems.push(`${where}: body property ${name}=${JSON.stringify(value)} is not one of ${JSON.stringify(property.enum)}`);
    }
  }
  return problems;
}
