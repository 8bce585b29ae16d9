// GraphQL side of the fake GitHub: every query is validated against GitHub's real schema (from
// @octokit/graphql-schema) and executed by graphql-js against data the test supplies, so a test
// describes data while a misspelt field or a wrongly typed variable fails like it would on GitHub.
import { readFileSync } from "node:fs";
import {
  buildClientSchema,
  execute,
  getOperationAST,
  type GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type IntrospectionQuery,
  type SelectionSetNode,
} from "graphql";

/**
 * Root value for execution: one entry per Query/Mutation root field, either the value itself or
 * a function `(args, context, info) => value`. Nested objects may use functions the same way
 * (graphql-js' default resolver calls them). Abstract types need `__typename` on their values.
 */
export type GraphqlRoot = Record<string, unknown>;

/** What a root resolver knows of the request: the token it carried ("" without one). */
export interface GraphqlContext {
  token: string;
}

/** Throw this from a resolver to answer like GitHub does for e.g. a missing repository. */
export class GitHubGraphqlError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export interface GraphqlOutcome {
  status: number;
  body: unknown;
  /** Set when the request is one GitHub would reject or that the test data cannot answer. */
  violation?: string;
  /** Whether the executed operation is a mutation (a write). */
  mutation: boolean;
}

let cachedSchema: GraphQLSchema | undefined;

/** GitHub's schema, built once per process: the introspection JSON is ~5 MB. */
export function githubGraphqlSchema(): GraphQLSchema {
  // The package's entry point also builds a schema with its own graphql@16 copy; reading the JSON
  // next to it avoids that. The SDL variant does not build: it defines two fields twice.
  const schemaJson = new URL("./schema.json", import.meta.resolve("@octokit/graphql-schema"));
  // assumeValid: GitHub's schema deprecates fields that implement non-deprecated interface
  // fields, which graphql@17 rejects as an invalid schema; queries are still validated.
  cachedSchema ??= buildClientSchema(JSON.parse(readFileSync(schemaJson, "utf8")) as IntrospectionQuery, { assumeValid: true });
  return cachedSchema;
}

const invalid = (violation: string, errors: ReadonlyArray<{ message: string }>): GraphqlOutcome => ({
  status: 400,
  body: { errors: errors.map((e) => ({ message: e.message })) },
  violation,
  mutation: false,
});

/** Root field names the operation selects (through inline fragments and fragment spreads). */
function rootFieldNames(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value.startsWith("__") ? [] : [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldNames(document, selection.selectionSet);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFieldNames(document, fragment.selectionSet) : [];
  });
}

/** GitHub's error shape: `type` sits next to `message`, not under `extensions`. */
function toGitHubError(error: GraphQLError) {
  const type = error.originalError instanceof GitHubGraphqlError ? error.originalError.type : undefined;
  return { ...(type && { type }), path: error.path, locations: error.locations, message: error.message };
}

/** Validates and executes the JSON body of a `POST /graphql` request. */
export async function executeGraphqlRequest(body: unknown, root: GraphqlRoot | undefined, context: GraphqlContext = { token: "" }): Promise<GraphqlOutcome> {
  const { query, variables, operationName } = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof query !== "string")
    return invalid("graphql: request body has no `query` string", [{ message: "A query attribute must be specified and must be a string." }]);

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return invalid(`graphql: query does not parse: ${(error as Error).message}`, [error as GraphQLError]);
  }
  const schema = githubGraphqlSchema();
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return invalid(`graphql: query is invalid against GitHub's schema: ${validationErrors.map((e) => e.message).join("; ")}`, validationErrors);
  }
  const operation = getOperationAST(document, typeof operationName === "string" ? operationName : undefined);
  if (!operation) return invalid("graphql: cannot determine which operation to run", [{ message: "Unknown operation" }]);
  const mutation = operation.operation === "mutation";

  const missing = rootFieldNames(document, operation.selectionSet).filter((name) => root?.[name] === undefined);
  if (missing.length > 0) {
    return {
      status: 501,
      body: { errors: [{ message: `fake GitHub has no data for ${missing.join(", ")}` }] },
      violation: `graphql: the test supplied no fake.graphqlRoot entry for root field(s) ${missing.join(", ")}`,
      mutation,
    };
  }

  const result = await execute({
    schema,
    document,
    rootValue: root,
    contextValue: context,
    variableValues: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof operationName === "string" ? operationName : undefined,
  });
  // Without `data` the request failed before execution: the variables do not fit the query.
  if (!("data" in result)) {
    return { ...invalid(`graphql: ${(result.errors ?? []).map((e) => e.message).join("; ")}`, result.errors ?? []), mutation };
  }
  const errors = (result.errors ?? []).map(toGitHubError);
  const unexpected = (result.errors ?? []).filter((e) => !(e.originalError instanceof GitHubGraphqlError));
  if (unexpected.length > 0) {
    return {
      status: 500,
      body: { data: result.data, errors },
      violation: `graphql: execution failed (test data incomplete or resolver bug): ${unexpected.map((e) => `${e.message} at ${e.path?.join(".")}`).join("; ")}`,
      mutation,
    };
  }
  return { status: 200, body: errors.length > 0 ? { data: result.data, errors } : { data: result.data }, mutation };
}
