import type Bottleneck from "bottleneck";

// Bottleneck's Lua scripts signal two conditions it recovers from (`SETTINGS_KEY_NOT_FOUND`: a
// limiter's settings expired, so it re-initialises; `UNKNOWN_CLIENT`: it registers again). It
// compares the error message exactly, and Redis 7 prefixes such script errors with `ERR `, so
// the recovery never runs and the error fails whatever request was waiting for the limiter.
// (SGrondin/bottleneck issues #205 and #219; the upstream fix, PR #215, is unreleased.) This
// strips the prefix from those two messages on the connection Probot gives the throttling
// plugin, which is also the one value-pr's pacing uses.

const RECOVERABLE = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)$/;
const patched = new WeakSet<object>();

type ScriptCallback = (error: Error | null, replies: unknown) => void;
interface ScriptConnection {
  __scriptFn__(name: string): (...args: unknown[]) => unknown;
}

export function recogniseBottleneckErrorsOnRedis7(connection: Bottleneck.IORedisConnection): void {
  if (patched.has(connection)) return;
  patched.add(connection);
  const target = connection as unknown as ScriptConnection;
  const scriptFn = target.__scriptFn__.bind(target);
  target.__scriptFn__ = (name) => {
    const run = scriptFn(name);
    return (...args) => {
      const callback = args.pop() as ScriptCallback;
      return run(...args, (error: Error | null, replies: unknown) => {
        if (error !== null && RECOVERABLE.test(error.message)) error.message = error.message.slice("ERR ".length);
        callback(error, replies);
      });
    };
  };
}
