import * as z from "zod";
import { CONFIG_PATH } from "../src/core/config/load.ts";

// The Action's inputs (action.yml), read once and validated like the configuration: a typo in a
// workflow fails the job with one line that names the input, before any request.

/** YAML 1.2 core schema booleans, as @actions/core's getBooleanInput reads them. */
const TRUE = new Set(["true", "True", "TRUE"]);
const FALSE = new Set(["false", "False", "FALSE"]);

const booleanInput = (name: string, fallback: boolean) =>
  z.string().transform((value, ctx) => {
    if (value === "") return fallback;
    if (TRUE.has(value)) return true;
    if (FALSE.has(value)) return false;
    ctx.issues.push({ code: "custom", message: `${name} must be true or false, got "${value}"`, input: value });
    return z.NEVER;
  });

export const COMMANDS = ["auto", "check", "report", "outcome"] as const;

const inputsSchema = z.object({
  token: z.string().min(1, { error: "the token input is required: a workflow token, an App installation token or a personal token" }),
  config: z.string().transform((value) => value || CONFIG_PATH),
  command: z
    .string()
    .transform((value) => value || "auto")
    .pipe(z.enum(COMMANDS, { error: (issue) => `command must be auto, check, report or outcome, got "${String(issue.input)}"` })),
  comment: booleanInput("comment", true),
  labels: booleanInput("labels", true),
  "dry-run": booleanInput("dry-run", false),
  org: z
    .string()
    .regex(/^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38})?$/, { error: (issue) => `org must be an organisation's login, got "${String(issue.input)}"` })
    .transform((value) => (value === "" ? null : value)),
});

export type ActionInputs = z.output<typeof inputsSchema>;

/** Reads every input through `getInput` (the runner's INPUT_* variables); throws one line on a bad one. */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const raw = Object.fromEntries(Object.keys(inputsSchema.shape).map((name) => [name, getInput(name)]));
  const result = inputsSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => issue.message).join("; "));
}
