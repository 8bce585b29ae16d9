import type { Judge } from "../core/evaluate.ts";
import type { Probot } from "probot";
import { SingleFlight } from "../github/single-flight.ts";
import { syncPull, type SyncResult } from "../github/sync-pull.ts";
import { installedRepositories, organizations, reportOrganization, reportRepository } from "./reports.ts";
import { isDueAt, isOrgReportTick } from "./schedule.ts";
import type { Job, JobRunner, WorkQueue } from "./work/types.ts";

// What each job does. Every job derives its work from GitHub's data and the instant it names,
// so running it again (a retry, another replica, a redelivery) converges on the same result.

export interface JobContext {
  probot: Probot;
  /** Who value-pr is on GitHub (`<slug>[bot]`). */
  selfLogin: () => Promise<string>;
  /** The queue, for the sweep to hand out one job per due repository. */
  work: () => WorkQueue;
  /** The report schedule's tick, to tell which repositories a sweep is for. */
  scheduleIntervalMs: number | null;
  /** The instant a sync judges at: which period's budget the comment shows. */
  clock: () => Date;
  /** Where verdicts are worked out (long descriptions on a worker thread). */
  judge: Judge;
}

function summarise(result: SyncResult): object {
  if (result.kind === "invalid-config") return { config: "invalid", check: result.check };
  return {
    status: result.verdict.hypothesis.status,
    category: result.verdict.category.value,
    labels: result.labels,
    check: result.check,
    comment: result.comment,
  };
}

export function jobRunner(context: JobContext): JobRunner {
  const { probot } = context;
  // A burst of jobs for one installation asks for one installation token, not one each.
  const clients = new SingleFlight<Awaited<ReturnType<Probot["auth"]>>>();
  const installationClient = (installationId: number) => clients.run(String(installationId), () => probot.auth(installationId));
  return async (job: Job) => {
    switch (job.kind) {
      case "sync-pull": {
        const octokit = await installationClient(job.installationId);
        const ref = { owner: job.owner, repo: job.repo };
        const options = {
          selfLogin: await context.selfLogin(),
          forceCheck: job.forceCheck,
          labelChange: job.labelChange,
          now: context.clock(),
          judge: context.judge,
        };
        const result = await syncPull(octokit, ref, job.number, options);
        probot.log.info({ repo: `${job.owner}/${job.repo}`, pull: job.number, ...summarise(result) }, "value-pr: pull request synced");
        return;
      }
      case "report-sweep": {
        const at = new Date(job.at);
        const interval = context.scheduleIntervalMs;
        const repos = await installedRepositories(probot);
        const due = repos.filter(({ ref }) => interval === null || isDueAt(ref, interval, at));
        // One job per repository: a failure is retried for that repository alone, and the
        // repositories of one sweep spread over the replicas.
        await Promise.all(
          due.map(({ installationId, ref }) =>
            context.work().once(`report@${ref.owner}/${ref.repo}@${job.at}`, { kind: "report-repo", installationId, ...ref, at: job.at }),
          ),
        );
        // The organisations' reports at the day's last tick, after their repositories' slots.
        const orgs = interval === null || isOrgReportTick(interval, at) ? await organizations(probot) : [];
        await Promise.all(
          orgs.map(({ installationId, org }) => context.work().once(`org-report@${org}@${job.at}`, { kind: "report-org", installationId, org, at: job.at })),
        );
        probot.log.info({ at: job.at, repositories: due.length, organizations: orgs.length }, "value-pr: report sweep");
        return;
      }
      case "report-org": {
        const result = await reportOrganization(await installationClient(job.installationId), job.org, new Date(job.at));
        probot.log.info({ org: result.org, result: result.kind }, "value-pr: organisation report");
        return;
      }
      case "report-repo": {
        const octokit = await installationClient(job.installationId);
        const ref = { owner: job.owner, repo: job.repo };
        const result = await reportRepository(octokit, ref, {
          selectors: ["previous", "current"],
          now: new Date(job.at),
          respectDisabled: true,
          selfLogin: context.selfLogin,
        });
        probot.log.info({ repo: result.repo, result: result.kind }, "value-pr: scheduled report");
        return;
      }
    }
  };
}
