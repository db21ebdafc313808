import { isbot } from "isbot";

/**
 * Crawlers, link previewers, monitors, headless browsers and HTTP libraries, by user agent (the isbot
 * library's maintained list); no user agent at all counts as a script too. Funnel counters skip them.
 */
export function isBotAgent(userAgent: string | null | undefined): boolean {
  const agent = userAgent?.trim() ?? "";
  return agent.length === 0 || isbot(agent);
}
