import { describe, expect, it } from "vitest";
import { readInputs } from "../../action/inputs.ts";

/** Inputs as a runner gives them: every declared input set, empty when the workflow leaves it out. */
const inputs = (given: Record<string, string>) => (name: string) => given[name] ?? "";

describe("the Action's inputs", () => {
  it("are read once, with action.yml's defaults for those left empty", () => {
    expect(readInputs(inputs({ token: "t" }))).toEqual({
      token: "t",
      config: ".github/value-pr.yml",
      command: "auto",
      comment: true,
      labels: true,
      "dry-run": false,
      org: null,
    });
    expect(
      readInputs(inputs({ token: "t", config: "ci/vp.yml", command: "report", comment: "False", labels: "FALSE", "dry-run": "true", org: "acme-corp" })),
    ).toEqual({
      token: "t",
      config: "ci/vp.yml",
      command: "report",
      comment: false,
      labels: false,
      "dry-run": true,
      org: "acme-corp",
    });
  });

  it("refuse a bad value with one line naming the input", () => {
    expect(() => readInputs(inputs({ token: "t", command: "publish" }))).toThrow('command must be auto, check, report or outcome, got "publish"');
    expect(() => readInputs(inputs({ token: "t", "dry-run": "yes" }))).toThrow('dry-run must be true or false, got "yes"');
    expect(() => readInputs(inputs({}))).toThrow(/^the token input is required/);
    expect(() => readInputs(inputs({ token: "t", org: "acme/api" }))).toThrow(`org must be an organisation's login, got "acme/api"`);
  });
});
