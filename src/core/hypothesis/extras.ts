import { isIsoDay } from "../report/period.ts";
import type { Review } from "../types.ts";
import { VALUE_TYPE_SYNONYMS } from "./defaults.ts";

// Only the opening of a value is read: a review date or value type is a few words.
const MAX_EXTRA_LENGTH = 200;
const MAX_REVIEW_DAYS = 3650;

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const DURATION = /\b(\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[ -]?(days?|d|weeks?|w|months?|mo|sprints?)\b/i;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** A month counts as 30 days, as the default review delay of PRODUCT.md §5 does. */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { d: 1, w: 7, m: 30 };

/**
 * The canonical value type when the author's text clearly names exactly one ("Time saved (2 h a
 * week)" → "time saved"), else the author's text as written.
 */
export function canonicalValueType(text: string): string {
  const words = text
    .slice(0, MAX_EXTRA_LENGTH)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  const named = Object.entries(VALUE_TYPE_SYNONYMS)
    .filter(([, synonyms]) => synonyms.some((synonym) => startsWithPhrase(words, synonym)))
    .map(([canonical]) => canonical);
  const mentioned = Object.keys(VALUE_TYPE_SYNONYMS).filter((canonical) => containsPhrase(words, canonical));
  const only = named[0];
  return named.length === 1 && only !== undefined && mentioned.every((canonical) => canonical === only) ? only : text;
}

function startsWithPhrase(words: string, phrase: string): boolean {
  return words === phrase || words.startsWith(`${phrase} `);
}

function containsPhrase(words: string, phrase: string): boolean {
  return ` ${words} `.includes(` ${phrase} `);
}

/**
 * Reads a review: an ISO date (`2026-12-15`, checked to be a real calendar day) or a delay
 * (`30 days`, `4 weeks`, `in two months`, `after 2 sprints`; sprints are as long as the budget's
 * configuration says, so they are kept as sprints). Anything else is no review.
 */
export function parseReview(text: string): Review | null {
  const head = text.slice(0, MAX_EXTRA_LENGTH);
  const date = readIsoDate(head);
  if (date !== null) return { kind: "date", date };
  return readDelay(head);
}

function readIsoDate(text: string): string | null {
  const date = ISO_DATE.exec(text)?.[0];
  return date !== undefined && isIsoDay(date) ? date : null;
}

/** Sprints last up to 90 days (the budget's `sprint-days`), so this many stay within MAX_REVIEW_DAYS. */
const MAX_REVIEW_SPRINTS = 40;

function readDelay(text: string): Review | null {
  const match = DURATION.exec(text);
  if (match === null) return null;
  const [, amountText = "", unitText = ""] = match;
  const amount = NUMBER_WORDS[amountText.toLowerCase()] ?? Number(amountText);
  if (unitText.toLowerCase().startsWith("sprint")) return amount >= 1 && amount <= MAX_REVIEW_SPRINTS ? { kind: "sprints", sprints: amount } : null;
  const unit = unitText.toLowerCase().startsWith("mo") ? "m" : unitText.toLowerCase().charAt(0);
  const days = amount * (DAYS_PER_UNIT[unit] ?? 0);
  return days >= 1 && days <= MAX_REVIEW_DAYS ? { kind: "after", days } : null;
}
