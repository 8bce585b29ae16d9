// The TypeScript types of value-pr's GraphQL queries, derived from the query texts and GitHub's
// schema (@octokit/graphql-schema): `node test/support/graphql-types.ts` writes them to the
// committed files below; `node test/support/graphql-types.ts --check` (and
// test/graphql-types.test.ts) fails when a committed file is not what the queries and the schema
// give. The query constants stay the one source: this reads them from the modules that send them.
//
// A small walker over the selection set, not a code generator: fields, aliases and `__typename`
// are supported; fragments and directives are refused (no query uses them), so a query that
// starts to use them fails here rather than getting a wrong type.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  getNamedType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInputType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  typeFromAST,
  validate,
} from "graphql";
import { githubGraphqlSchema } from "../fake-github/graphql.ts";
import * as mergedPulls from "../../src/github/merged-pulls.ts";

const ROOT = new URL("../../", import.meta.url);

/** The generated files: where each is written, which module's queries it types, and the queries. */
export const GRAPHQL_TYPE_FILES = [
  {
    path: "src/github/graphql/merged-pulls.types.ts",
    source: "src/github/merged-pulls.ts",
    queries: { DEFAULT_BRANCH_QUERY: mergedPulls.DEFAULT_BRANCH_QUERY, MERGED_PULLS_QUERY: mergedPulls.MERGED_PULLS_QUERY },
  },
];

/**
 * How GitHub's scalars arrive in JSON. Its custom scalars are strings; a scalar not listed here
 * stops the generator rather than being guessed.
 */
const SCALARS: Record<string, string> = {
  Int: "number",
  Float: "number",
  String: "string",
  ID: "string",
  Boolean: "boolean",
  Base64String: "string",
  BigInt: "string",
  Date: "string",
  DateTime: "string",
  GitObjectID: "string",
  GitRefname: "string",
  GitSSHRemote: "string",
  GitTimestamp: "string",
  HTML: "string",
  PreciseDateTime: "string",
  URI: "string",
  X509Certificate: "string",
};

const literal = (value: string) => JSON.stringify(value);
const union = (values: readonly string[]) => values.map(literal).join(" | ");

function scalarOrEnum(type: GraphQLOutputType | GraphQLInputType, where: string): string {
  if (isScalarType(type)) {
    const ts = SCALARS[type.name];
    if (ts === undefined) throw new Error(`${where}: scalar ${type.name} has no TypeScript type; add it to SCALARS in test/support/graphql-types.ts`);
    return ts;
  }
  if (isEnumType(type)) return union(type.getValues().map((value) => value.name));
  throw new Error(`${where}: ${String(type)} is not a scalar or an enum`);
}

/** The TypeScript type of a value of `type`, `selection` being the fields selected on it. */
function outputType(schema: GraphQLSchema, type: GraphQLOutputType, selection: SelectionSetNode | undefined, where: string): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  let ts: string;
  if (isListType(inner)) ts = `Array<${outputType(schema, inner.ofType, selection, where)}>`;
  else if (isScalarType(inner) || isEnumType(inner)) ts = scalarOrEnum(inner, where);
  else if (selection === undefined) throw new Error(`${where}: ${inner.name} needs a selection`);
  else ts = objectType(schema, inner, selection, where);
  return isNonNullType(type) ? ts : `${ts} | null`;
}

function objectType(schema: GraphQLSchema, type: GraphQLOutputType, selection: SelectionSetNode, where: string): string {
  const named = getNamedType(type);
  if (!isObjectType(named) && !isAbstractType(named)) throw new Error(`${where}: ${named.name} has no fields`);
  const members: string[] = [];
  const keys = new Set<string>();
  for (const node of selection.selections) {
    if (node.kind !== Kind.FIELD) throw new Error(`${where}: fragments are not supported by test/support/graphql-types.ts`);
    if ((node.directives ?? []).length > 0) throw new Error(`${where}: directives are not supported by test/support/graphql-types.ts`);
    const key = node.alias?.value ?? node.name.value;
    if (keys.has(key)) throw new Error(`${where}: ${key} is selected twice`);
    keys.add(key);
    const fieldWhere = `${where}.${key}`;
    if (node.name.value === "__typename") {
      const names = isAbstractType(named) ? schema.getPossibleTypes(named).map((possible) => possible.name) : [named.name];
      members.push(`${key}: ${union([...names].sort())};`);
      continue;
    }
    if (isAbstractType(named) && !("getFields" in named)) throw new Error(`${fieldWhere}: a union has no fields`);
    const field = "getFields" in named ? named.getFields()[node.name.value] : undefined;
    if (field === undefined) throw new Error(`${fieldWhere}: ${named.name} has no field ${node.name.value}`);
    members.push(`${key}: ${outputType(schema, field.type, node.selectionSet, fieldWhere)};`);
  }
  return `{ ${members.join(" ")} }`;
}

/** The TypeScript type of a variable's value. */
function inputType(type: GraphQLInputType, where: string): string {
  const inner = isNonNullType(type) ? type.ofType : type;
  let ts: string;
  if (isListType(inner)) ts = `Array<${inputType(inner.ofType, where)}>`;
  else if (isInputObjectType(inner)) throw new Error(`${where}: input objects are not supported by test/support/graphql-types.ts`);
  else ts = scalarOrEnum(inner, where);
  return isNonNullType(type) ? ts : `${ts} | null`;
}

const typeName = (operation: OperationDefinitionNode) => {
  const name = operation.name?.value;
  if (name === undefined) throw new Error("every query needs a name: the types are named after it");
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}${operation.operation === "query" ? "Query" : "Mutation"}`;
};

/** The types of one query text: its result (`data`) and its variables. */
export function queryTypes(schema: GraphQLSchema, constant: string, text: string): string {
  const document = parse(text);
  const errors = validate(schema, document);
  if (errors.length > 0) throw new Error(`${constant} is invalid against GitHub's schema: ${errors.map((e) => e.message).join("; ")}`);
  const [operation, ...more] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || more.length > 0) throw new Error(`${constant}: expected exactly one operation`);
  const name = typeName(operation);
  const root = operation.operation === "query" ? schema.getQueryType() : schema.getMutationType();
  if (root === null || root === undefined) throw new Error(`${constant}: GitHub's schema has no ${operation.operation} type`);
  const variables = (operation.variableDefinitions ?? []).map((definition) => {
    const where = `${constant} $${definition.variable.name.value}`;
    const type = typeFromAST(schema, definition.type);
    if (type === undefined || !isInputType(type)) throw new Error(`${where}: not an input type`);
    // A nullable variable may also be left out.
    return `${definition.variable.name.value}${isNonNullType(type) ? "" : "?"}: ${inputType(type, where)};`;
  });
  return [
    `/** The \`data\` of ${constant} (${operation.operation} ${operation.name?.value}). */`,
    `export interface ${name} ${objectType(schema, root, operation.selectionSet, name)}`,
    "",
    `/** The variables of ${constant}. */`,
    `export interface ${name}Variables { ${variables.join(" ")} }`,
  ].join("\n");
}

/** Biome's formatting, with the project's settings, so that `npm run lint` agrees with the file. */
function format(path: string, text: string): string {
  const biome = fileURLToPath(new URL("node_modules/.bin/biome", ROOT));
  const result = spawnSync(biome, ["format", `--stdin-file-path=${path}`], { cwd: fileURLToPath(ROOT), input: text, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`biome could not format the generated ${path}: ${result.stderr}`);
  return result.stdout;
}

function schemaVersion(): string {
  const manifest = new URL("./package.json", import.meta.resolve("@octokit/graphql-schema"));
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Each generated file's path (from the repository root) and text. */
export function generateGraphqlTypes(): Array<{ path: string; text: string }> {
  const schema = githubGraphqlSchema();
  return GRAPHQL_TYPE_FILES.map(({ path, source, queries }) => {
    const header = [
      `// Generated by \`node test/support/graphql-types.ts\` from the queries in ${source}`,
      `// and GitHub's GraphQL schema (@octokit/graphql-schema ${schemaVersion()}). Do not edit:`,
      "// change the query and run the generator; test/graphql-types.test.ts fails when this is stale.",
    ].join("\n");
    const types = Object.entries(queries).map(([constant, text]) => queryTypes(schema, constant, text));
    return { path, text: format(path, `${header}\n\n${types.join("\n\n")}\n`) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  for (const { path, text } of generateGraphqlTypes()) {
    const file = new URL(path, ROOT);
    if (check) {
      if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
        console.error(`${path} is not what the queries and the schema give: run \`node test/support/graphql-types.ts\` and commit it.`);
        process.exit(1);
      }
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${path}`);
    }
  }
}
