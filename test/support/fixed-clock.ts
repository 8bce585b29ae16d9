// A fixed clock for a child process, so a test and the program it starts agree on the day
// whatever the wall time (a test that computed "now" before the child read its own could see two
// different days, or two sprints, at midnight). Preloaded before the program's own code:
//
//   spawn(process.execPath, ["--import", fixedClockImport(at), program])
//
// The child's clock starts at `at` and runs at the real pace, so durations, waits and timeouts
// are unchanged: `Date.now()` and `new Date()` read it. Nothing else in the environment changes.
import { pathToFileURL } from "node:url";

/** The `--import` argument that starts a child's clock at `at`. */
export function fixedClockImport(at: Date): string {
  const url = pathToFileURL(new URL(import.meta.url).pathname);
  url.searchParams.set("now", at.toISOString());
  return url.href;
}

// Preloaded (the URL carries `?now=`): move the clock. Imported by a test: do nothing.
const start = new URL(import.meta.url).searchParams.get("now");
if (start !== null) {
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) throw new Error(`fixed-clock: ?now=${start} is not an instant`);
  const RealDate = Date;
  const offset = startMs - RealDate.now();
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    // `new Date()` is now; `new Date(x)` is x, as ever.
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    // `Date()` without `new` is now, as a string.
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === "now" ? now : Reflect.get(target, key, receiver)),
  });
}
