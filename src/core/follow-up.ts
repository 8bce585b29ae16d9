// PRODUCT.md §5, the pure part: when a merged PR's review falls due, the question value-pr asks
// on it, and the answers it takes.
import type { Config } from "./config/schema.ts";
import type { PullVerdict } from "./evaluate.ts";
import { quote } from "./render/quote.ts";
import { addDays, localDay } from "./report/period.ts";
import type { ReportPull } from "./report/types.ts";
import type { Review } from "./types.ts";

export const OUTCOME_RESULTS = ["validated", "refuted", "inconclusive"] as const;

/**
 * How much further back than its trend a report reads merged PRs, so that the reviews falling
 * due in the trend's window are found: those due up to this many days after their merge (the
 * default delay is 30). A review due later than that after its merge is never asked.
 */
export const FOLLOW_UP_LOOKBACK_DAYS = 90;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export interface FollowUpRules {
  enabled: boolean;
  afterDays: number;
  overdueDays: number;
  alsoAsk: readonly string[];
  labels: { due: string } & Record<OutcomeResult, string>;
  /** From the budget: how long `Review after: 2 sprints` is, and in which time zone days turn. */
  sprintDays: number;
  timeZone: string;
}

export function followUpRules(config: Config): FollowUpRules {
  const followUp = config["follow-up"];
  return {
    enabled: followUp.enabled,
    afterDays: followUp["after-days"],
    overdueDays: followUp["overdue-days"],
    alsoAsk: followUp["also-ask"],
    labels: followUp.labels,
    sprintDays: config.budget["sprint-days"],
    timeZone: config.budget["time-zone"],
  };
}

/** The local day (YYYY-MM-DD) on which a merged PR's review falls due. */
export function reviewDay(review: Review | null, mergedAt: string, rules: FollowUpRules): string {
  if (review?.kind === "date") return review.date;
  const delay = review === null ? rules.afterDays : review.kind === "after" ? review.days : review.sprints * rules.sprintDays;
  return addDays(localDay(new Date(mergedAt), rules.timeZone), delay);
}

/** Where a review stands on `now`: not yet due, due, or due and unanswered for `overdue-days`. */
export type ReviewStage = "waiting" | "due" | "overdue";

export function reviewStage(dueDay: string, now: Date, rules: FollowUpRules): ReviewStage {
  const today = localDay(now, rules.timeZone);
  if (today < dueDay) return "waiting";
  return today >= addDays(dueDay, rules.overdueDays) ? "overdue" : "due";
}

/** Marks value-pr's question on a PR, so that it is asked once whatever runs. */
export const QUESTION_MARKER = "<!-- value-pr:outcome-question -->";

/** A GitHub login that can be @-mentioned (bots cannot be asked). */
const MENTIONABLE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export interface OutcomeQuestion {
  author: string;
  alsoAsk: readonly string[];
  metric: string | null;
  counterSignal: string | null;
  dueDay: string;
}

/**
 * The one question asked on a merged PR whose review fell due: a new comment (so the people asked
 * are notified), addressed to the author and `also-ask`, quoting the metric and counter-signal as
 * inert text, with the exact reply syntax.
 */
export function renderOutcomeQuestion(question: OutcomeQuestion): string {
  const asked = [...new Set([question.author, ...question.alsoAsk].filter((login) => MENTIONABLE.test(login)))];
  const to = asked.length > 0 ? `${asked.map((login) => `@${login}`).join(" ")}: ` : "";
  const lines = [
    QUESTION_MARKER,
    `${to}this pull request was merged with an outcome hypothesis, and its review fell due on ${question.dueDay}. Did it hold?`,
    "",
  ];
  if (question.metric !== null) lines.push(`> **Metric:** ${quote(question.metric, 300)}`);
  if (question.metric !== null && question.counterSignal !== null) lines.push(">");
  if (question.counterSignal !== null) lines.push(`> **Counter-signal:** ${quote(question.counterSignal, 300)}`);
  lines.push(
    "",
    "Answer with a comment of one line (the author or anyone with write access):",
    "",
    "```text",
    ...OUTCOME_RESULTS.map((result) => `/value-pr outcome ${result} <what you saw>`),
    "```",
  );
  return lines.join("\n");
}

export type OutcomeAnswer = { result: OutcomeResult; note: string } | { invalid: string };

/** Reads the arguments of `/value-pr outcome`: a result, then what was seen. */
export function parseOutcomeAnswer(args: string): OutcomeAnswer {
  const [first = "", ...rest] = args.trim().split(/\s+/);
  const result = OUTCOME_RESULTS.find((candidate) => candidate === first.toLowerCase());
  if (result === undefined) return { invalid: `\`/value-pr outcome\` takes ${OUTCOME_RESULTS.join(", ")}, then what you saw.` };
  return { result, note: rest.join(" ") };
}

/** A merged PR value-pr follows up: it was merged with a passing hypothesis. */
export interface ReviewItem {
  number: number;
  title: string;
  url: string;
  author: string;
  /** Whether the author can be asked (bots cannot). */
  authorIsBot: boolean;
  mergedAt: string;
  dueDay: string;
  stage: ReviewStage;
  /** The latest answer, read from the outcome labels; null while unanswered. */
  answer: OutcomeResult | null;
  /** value-pr asked already: the due label or an answer label is on the PR. */
  asked: boolean;
  metric: string | null;
  counterSignal: string | null;
}

/** The follow-up of every merged PR with a passing hypothesis among `pulls`. */
export function reviewItems(pulls: readonly ReportPull[], verdictOf: (pull: ReportPull) => PullVerdict, rules: FollowUpRules, now: Date): ReviewItem[] {
  const has = (labels: readonly string[], name: string) => labels.some((label) => label.toLowerCase() === name.toLowerCase());
  const items: ReviewItem[] = [];
  for (const pull of pulls) {
    const { hypothesis } = verdictOf(pull);
    if (hypothesis.status !== "pass") continue;
    const dueDay = reviewDay(hypothesis.review, pull.mergedAt, rules);
    const answer = OUTCOME_RESULTS.find((result) => has(pull.labels, rules.labels[result])) ?? null;
    items.push({
      number: pull.number,
      title: pull.title,
      url: pull.url,
      author: pull.author,
      authorIsBot: pull.authorIsBot,
      mergedAt: pull.mergedAt,
      dueDay,
      stage: reviewStage(dueDay, now, rules),
      answer,
      asked: answer !== null || has(pull.labels, rules.labels.due),
      metric: hypothesis.fields.metric,
      counterSignal: hypothesis.fields.counterSignal,
    });
  }
  return items.sort((left, right) => left.dueDay.localeCompare(right.dueDay) || left.number - right.number);
}

/** PRODUCT.md §8 `outcomes`: the reviews that fell due in a period, and the validation rate over the trend. */
export interface OutcomeTally {
  due: number;
  overdue: number;
  validated: number;
  refuted: number;
  inconclusive: number;
  /** Validated ÷ answered over the trend window, in percent; null without answers. */
  validationRate: number | null;
}

/** Tallies the reviews due within `period` (days inclusive); the rate over `trend`. */
export function tallyOutcomes(items: readonly ReviewItem[], period: { start: string; end: string }, trend: { start: string; end: string }): OutcomeTally {
  const within = (item: ReviewItem, span: { start: string; end: string }) => item.dueDay >= span.start && item.dueDay <= span.end;
  const inPeriod = items.filter((item) => within(item, period) && item.stage !== "waiting");
  const count = (result: OutcomeResult) => inPeriod.filter((item) => item.answer === result).length;
  const answered = items.filter((item) => within(item, trend) && item.answer !== null);
  const validated = answered.filter((item) => item.answer === "validated").length;
  return {
    due: inPeriod.filter((item) => item.answer === null && item.stage === "due").length,
    overdue: inPeriod.filter((item) => item.answer === null && item.stage === "overdue").length,
    validated: count("validated"),
    refuted: count("refuted"),
    inconclusive: count("inconclusive"),
    validationRate: answered.length === 0 ? null : Math.round((validated / answered.length) * 1000) / 10,
  };
}
