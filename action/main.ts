// The Action's entry. @actions/github builds its client when it is imported, from the runner's
// GITHUB_API_URL: a value that is not a URL would end the step with a stack trace before any of
// our code runs. So the entry checks it first, then loads the Action (esbuild keeps one file).
const apiUrl = process.env.GITHUB_API_URL;
if (apiUrl !== undefined && apiUrl !== "" && !URL.canParse(apiUrl)) {
  // A workflow command, as @actions/core writes one: the job fails with this one line.
  const message = `value-pr: GITHUB_API_URL is not a URL: ${JSON.stringify(apiUrl)}`.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  process.stdout.write(`::error::${message}\n`);
  process.exit(1);
}
await import("./run.ts");
