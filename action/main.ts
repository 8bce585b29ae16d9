// The Action's entry. The runner's GITHUB_API_URL is checked first: a value that is not a URL
// would otherwise end the step with the HTTP client's "Invalid URL" rather than a line naming the
// variable. Then it loads the Action (esbuild keeps one file).
const apiUrl = process.env.GITHUB_API_URL;
if (apiUrl !== undefined && apiUrl !== "" && !URL.canParse(apiUrl)) {
  // A workflow command, as @actions/core writes one: the job fails with this one line.
  const message = `value-pr: GITHUB_API_URL is not a URL: ${JSON.stringify(apiUrl)}`.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  process.stdout.write(`::error::${message}\n`);
  process.exit(1);
}
await import("./run.ts");
