import type { ApplicationFunction, Probot } from "probot";
import { pullsOfCheckRun } from "../github/pulls.ts";
import { CHECK_EXTERNAL_ID } from "../github/check-runs.ts";
import { readCommands } from "../core/commands.ts";
import { appLogin } from "../github/app.ts";
import { answerOutcome } from "../github/follow-up.ts";
import { refuseMalformedDeliveries } from "./deliveries.ts";
import { handleReportCommand } from "./command.ts";
import { reportTrigger } from "./http-trigger.ts";
import { jobRunner } from "./jobs.ts";
import { threadedJudge } from "./judge.ts";
import { startReportSchedule } from "./schedule.ts";
import { bullmqWorkQueue } from "./work/bullmq.ts";
import { memoryWorkQueue } from "./work/memory.ts";
import { DEFAULT_RETRY, pullKey, type JobRunner, type RetryPolicy, type WorkQueue } from "./work/types.ts";

/** PRODUCT.md §7: every pull request event that can change the verdict. */
export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.edited",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
  "pull_request.labeled",
  "pull_request.unlabeled",
] as const;

/** Where the App's work runs: in this process, or shared by every replica through Redis. */
export interface WorkSettings {
  /** `REDIS_URL`: replicas share the work queue (BullMQ) and rate limits; null = one process, in memory. */
  redisUrl: string | null;
  /** Key prefix in Redis (default `value-pr`); replicas of one App must share it. */
  prefix?: string;
  retry: RetryPolicy;
  /** Jobs one replica runs at once (on Redis; in memory every PR runs as its events come). */
  concurrency: number;
}

export interface AppOptions {
  /** Tick of the report schedule in ms (each repository is reported once a day); null = no schedule. */
  scheduleIntervalMs: number | null;
  /** Bearer secret of the HTTP report trigger; null = no trigger. */
  reportSecret: string | null;
  clock: () => Date;
  work: WorkSettings;
  /** Hears of the running App (tests, benches, shutdown). */
  onStarted?: (app: RunningApp) => void;
}

export interface RunningApp {
  work: WorkQueue;
  /** What the schedule does at a tick: hand the sweep starting at `at` to the queue. */
  tick(at: Date): Promise<void>;
  /** Stops the schedule and the queue (a job in flight finishes first). */
  close(): Promise<void>;
}

function positiveNumber(env: Record<string, string | undefined>, name: string, fallback: number, { zero = false } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !zero))
    throw new Error(`${name} must be a ${zero ? "non-negative" : "positive"} number, got "${raw}"`);
  return value;
}

/**
 * Settings from the environment, beside Probot's own (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * REDIS_URL …): `VALUE_PR_SCHEDULE_MINUTES` (default 60; 0 turns the schedule off, e.g. in
 * serverless deployments), `VALUE_PR_REPORT_SECRET` (turns on `POST /value-pr/report`) and
 * `VALUE_PR_CONCURRENCY` (jobs a replica runs at once with Redis, default 20).
 */
export function appOptionsFromEnv(env: Record<string, string | undefined>): AppOptions {
  const minutes = positiveNumber(env, "VALUE_PR_SCHEDULE_MINUTES", 60, { zero: true });
  const secret = env.VALUE_PR_REPORT_SECRET ?? "";
  const redisUrl = env.REDIS_URL ?? "";
  return {
    scheduleIntervalMs: minutes === 0 ? null : Math.max(1, minutes) * 60_000,
    reportSecret: secret === "" ? null : secret,
    clock: () => new Date(),
    work: { redisUrl: redisUrl === "" ? null : redisUrl, retry: DEFAULT_RETRY, concurrency: positiveNumber(env, "VALUE_PR_CONCURRENCY", 20) },
  };
}

function createWorkQueue(probot: Probot, run: JobRunner, settings: WorkSettings): Promise<WorkQueue> | WorkQueue {
  const log = probot.log.child({ name: "value-pr-work" });
  if (settings.redisUrl === null) return memoryWorkQueue(run, { retry: settings.retry, log });
  return bullmqWorkQueue(run, {
    redisUrl: settings.redisUrl,
    ...(settings.prefix !== undefined && { prefix: settings.prefix }),
    retry: settings.retry,
    concurrency: settings.concurrency,
    log,
  });
}

/**
 * The GitHub App: translates webhook events and clock ticks into jobs, and nothing more. It
 * keeps no state of its own: every job derives its work from GitHub's data, so any number of
 * replicas can run and a redelivered event is harmless. Events for one pull request are
 * coalesced (one sync at a time, one more if anything arrived meanwhile), in this process or,
 * with REDIS_URL, across replicas.
 */
export function createApp(options: AppOptions): ApplicationFunction {
  return async (probot, { addHandler }) => {
    refuseMalformedDeliveries(probot.webhooks);
    // Who value-pr is on GitHub (`<slug>[bot]`), to tell its own label changes from people's.
    // Asked once per process; a failure is not cached, so the next event asks again.
    let selfLogin: Promise<string> | undefined;
    const login = () =>
      (selfLogin ??= probot
        .auth()
        .then(appLogin)
        .catch((error: unknown) => {
          selfLogin = undefined;
          throw error;
        }));

    let work: WorkQueue | undefined;
    const judge = threadedJudge();
    const run = jobRunner({
      probot,
      selfLogin: login,
      work: () => work as WorkQueue,
      scheduleIntervalMs: options.scheduleIntervalMs,
      clock: options.clock,
      judge,
    });
    work = await createWorkQueue(probot, run, options.work);
    const queue = work;

    probot.on([...PULL_REQUEST_EVENTS], async (context) => {
      const { payload } = context;
      const installationId = payload.installation?.id;
      if (installationId === undefined) return;
      const labelChange =
        (payload.action === "labeled" || payload.action === "unlabeled") && payload.label !== undefined
          ? { action: payload.action, label: payload.label.name, senderLogin: payload.sender.login }
          : null;
      // value-pr's own label writes come back as events: the sync that wrote them saw to everything.
      if (labelChange !== null && labelChange.senderLogin.toLowerCase() === (await login()).toLowerCase()) return;
      const pull = { installationId, ...context.repo(), number: payload.pull_request.number };
      await queue.coalesce(pullKey(pull), { kind: "sync-pull", ...pull, forceCheck: false, labelChange });
    });

    probot.on("check_run.rerequested", async (context) => {
      const run = context.payload.check_run;
      const installationId = context.payload.installation?.id;
      // GitHub sends `rerequested` only to the app that owns the run; ignore our other checks.
      if (run.external_id !== CHECK_EXTERNAL_ID || installationId === undefined) return;
      const numbers = await pullsOfCheckRun(context.octokit, context.repo(), run);
      await Promise.all(
        numbers.map((number) => {
          const pull = { installationId, ...context.repo(), number };
          return queue.coalesce(pullKey(pull), { kind: "sync-pull", ...pull, forceCheck: true, labelChange: null });
        }),
      );
    });

    probot.on("issue_comment.created", async (context) => {
      const { comment, issue } = context.payload;
      // Bots' comments and comments without a command (quoted or in code, it is none) cost no request.
      if (comment.user === null || comment.user.type === "Bot") return;
      const [command] = readCommands(comment.body);
      if (command === undefined) return;
      const outcome =
        command.name === "report"
          ? await handleReportCommand(context, await login(), options.clock)
          : await answerOutcome(context.octokit, context.repo(), {
              issueNumber: issue.number,
              isPull: issue.pull_request !== undefined,
              pullAuthor: issue.user.login,
              labels: issue.labels?.map((label) => label.name) ?? [],
              commentId: comment.id,
              commenter: comment.user.login,
              args: command.args,
            });
      context.log.info({ repo: `${context.repo().owner}/${context.repo().repo}`, issue: issue.number, command: command.name, outcome }, "value-pr: command");
    });

    // Every replica ticks; the queue runs each tick's sweep once.
    const tick = (at: Date) => queue.once(`sweep@${at.toISOString()}`, { kind: "report-sweep", at: at.toISOString() });
    const schedule =
      options.scheduleIntervalMs === null
        ? null
        : startReportSchedule(options.scheduleIntervalMs, options.clock, (at) =>
            tick(at).catch((error: unknown) => probot.log.warn({ err: error }, "value-pr: could not queue the report sweep; the next tick tries again")),
          );
    if (options.reportSecret !== null) addHandler(reportTrigger(probot, options.reportSecret, login, options.clock));
    options.onStarted?.({
      work: queue,
      tick,
      close: async () => {
        schedule?.stop();
        await queue.close();
        await judge.close();
      },
    });
  };
}

export default createApp(appOptionsFromEnv(process.env));
