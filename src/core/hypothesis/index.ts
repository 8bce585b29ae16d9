export { judgeHypothesis } from "./judge.ts";
export { extractHypothesis } from "./parse.ts";
