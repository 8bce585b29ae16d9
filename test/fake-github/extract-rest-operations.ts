// Regenerates rest-operations.json, the compact table of GitHub REST operations that the fake
// GitHub validates every request against.
//
//   node test/fake-github/extract-rest-operations.ts
//
// The table is derived from GitHub's OpenAPI description as published in @octokit/openapi. That
// package is ~390 MB unpacked, far too big to be a dependency, so this script `npm pack`s the
// pinned version into a temporary directory, extracts only the dereferenced api.github.com
// description (no $refs to chase) and keeps the little the fake needs: method, path template,
// query parameter names and the top level of JSON request bodies.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BodyProperty, BodySchema, JsonType, RestOperation } from "./rest-operations.ts";

const OPENAPI_PACKAGE = "@octokit/openapi";
const OPENAPI_VERSION = "23.0.2";
const SPEC_IN_TARBALL = "package/generated/api.github.com.deref.json";
const OUTPUT = new URL("./rest-operations.json", import.meta.url);

/** The subset of an OpenAPI 3.0 schema object this script reads. */
interface Schema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
interface Spec {
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
}

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

function downloadSpec(): Spec {
  const dir = mkdtempSync(join(tmpdir(), "octokit-openapi-"));
  try {
    const packed = execFileSync("npm", ["pack", `${OPENAPI_PACKAGE}@${OPENAPI_VERSION}`, "--json", "--pack-destination", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
    execFileSync("tar", ["-xzf", join(dir, filename), "-C", dir, SPEC_IN_TARBALL], { stdio: "inherit" });
    return JSON.parse(readFileSync(join(dir, SPEC_IN_TARBALL), "utf8")) as Spec;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const variantsOf = (schema: Schema): Schema[] => [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];

/** JSON types a value may have, or undefined when the schema does not constrain the type. */
function typesOf(schema: Schema): JsonType[] | undefined {
  const alternatives = [...variantsOf(schema), ...(schema.allOf ?? [])];
  let types: JsonType[] | undefined;
  if (schema.type !== undefined) types = [schema.type].flat() as JsonType[];
  else if (alternatives.length > 0) {
    const perAlternative = alternatives.map(typesOf);
    // One unconstrained alternative makes the whole union unconstrained.
    if (perAlternative.some((t) => t === undefined)) return undefined;
    types = perAlternative.flatMap((t) => t ?? []);
  } else if (schema.properties) types = ["object"];
  else if (schema.items) types = ["array"];
  else return undefined;
  if (schema.nullable) types.push("null");
  return [...new Set(types)].sort();
}

/** Allowed values, or undefined when any value of the right type is allowed. */
function enumOf(schema: Schema): unknown[] | undefined {
  let values: unknown[] | undefined;
  if (schema.enum) values = [...schema.enum];
  else {
    const variants = variantsOf(schema);
    if (variants.length === 0) return undefined;
    const perVariant = variants.map(enumOf);
    if (perVariant.some((v) => v === undefined)) return undefined;
    values = perVariant.flatMap((v) => v ?? []);
  }
  if (schema.nullable) values.push(null);
  return [...new Set(values)];
}

function describeProperty(schema: Schema): BodyProperty {
  const type = typesOf(schema);
  const values = enumOf(schema);
  return { ...(type && { type }), ...(values && { enum: values }) };
}

/** Unions two descriptions of the same property (it appears in several oneOf variants). */
function mergeProperty(a: BodyProperty, b: BodyProperty): BodyProperty {
  const type = a.type && b.type ? [...new Set([...a.type, ...b.type])].sort() : undefined;
  const values = a.enum && b.enum ? [...new Set([...a.enum, ...b.enum])] : undefined;
  return { ...(type && { type }), ...(values && { enum: values }) };
}

// GitHub silently ignores body properties it does not know, which turns a typo in our code into
// a silent no-op. So unknown properties are only allowed where the description explicitly says
// so (additionalProperties: true or a schema), not merely where it says nothing.
const allowsAdditional = (schema: Schema): boolean => schema.additionalProperties === true || typeof schema.additionalProperties === "object";

function describeBody(schema: Schema): BodySchema {
  const properties: Record<string, BodyProperty> = {};
  const addProperties = (from: Schema, keepKnown: boolean) => {
    for (const [name, propertySchema] of Object.entries(from.properties ?? {})) {
      const known = properties[name];
      if (known && keepKnown) continue;
      const described = describeProperty(propertySchema);
      properties[name] = known ? mergeProperty(known, described) : described;
    }
  };
  for (const part of [schema, ...(schema.allOf ?? [])]) addProperties(part, false);

  // Two shapes occur: an object whose variants only add conditions on its own properties
  // ("status completed requires conclusion"), and a pure union of alternative bodies. In the first
  // the object's own description is authoritative; variant-level `additionalProperties: true`
  // there only means "the parent's other properties stay allowed".
  const parentDescribesObject = Object.keys(properties).length > 0;
  let additionalProperties = allowsAdditional(schema);
  const objectVariants = variantsOf(schema).filter((v) => typesOf(v)?.includes("object") ?? true);
  for (const variant of objectVariants) {
    addProperties(variant, parentDescribesObject);
    if (!parentDescribesObject && allowsAdditional(variant)) additionalProperties = true;
  }
  // An object body with no declared properties at all is free-form.
  if (Object.keys(properties).length === 0) additionalProperties = true;

  // A property is required when the body itself requires it, or every alternative does.
  const required = new Set([...(schema.required ?? []), ...(schema.allOf ?? []).flatMap((p) => p.required ?? [])]);
  if (objectVariants.length > 0) {
    const [first, ...rest] = objectVariants.map((v) => new Set(v.required ?? []));
    for (const name of first ?? []) if (rest.every((r) => r.has(name))) required.add(name);
  }

  const types = typesOf(schema) ?? ["object"];
  return { type: types, required: [...required].sort(), properties, additionalProperties };
}

function describeOperation(method: string, path: string, operation: Operation): RestOperation {
  const query = (operation.parameters ?? []).filter((p) => p.in === "query");
  const queryEnums = Object.fromEntries(query.filter((p) => p.schema?.enum).map((p) => [p.name, (p.schema?.enum ?? []).map(String)]));
  const jsonBody = operation.requestBody?.content["application/json"]?.schema;
  return {
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    query: query.map((p) => p.name),
    ...(Object.keys(queryEnums).length > 0 && { queryEnums }),
    ...(jsonBody && { body: describeBody(jsonBody) }),
  };
}

const spec = downloadSpec();
const operations = Object.entries(spec.paths)
  .flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => describeOperation(method, path, operation)),
  )
  .sort((a, b) => a.operationId.localeCompare(b.operationId));

// One operation per line keeps the committed file diffable when the pinned version moves.
const header = JSON.stringify({ source: `${OPENAPI_PACKAGE}@${OPENAPI_VERSION} ${SPEC_IN_TARBALL}`, openapiVersion: spec.info.version });
writeFileSync(OUTPUT, `${header.slice(0, -1)},"operations":[\n${operations.map((op) => JSON.stringify(op)).join(",\n")}\n]}\n`);
console.log(`wrote ${operations.length} operations from ${OPENAPI_PACKAGE}@${spec.info.version} to ${OUTPUT.pathname}`);
