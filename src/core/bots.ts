import type { PullFacts } from "./types.ts";

/** A PR author counts as a bot when GitHub says so or the configured list names the login. */
export function isBotAuthor(pull: Pick<PullFacts, "author" | "authorIsBot">, bots: readonly string[]): boolean {
  const login = pull.author.toLowerCase();
  return pull.authorIsBot || bots.some((bot) => bot.toLowerCase() === login);
}
