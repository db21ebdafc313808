import { cookies, headers } from "next/headers";
import { ASK_LOCALES, isAskLocale, type AskLocale } from "@/lib/ask/settings";

/** The language a reader reads the ask in: their chosen one (the locale cookie), else their browser's. */
export async function readerLocale(): Promise<AskLocale> {
  const chosen = (await cookies()).get("locale")?.value;
  if (isAskLocale(chosen)) return chosen;
  const accepted = (await headers()).get("accept-language") ?? "";
  for (const tag of accepted.split(",")) {
    const base = tag.split(";")[0]!.trim().slice(0, 2).toLowerCase();
    if ((ASK_LOCALES as readonly string[]).includes(base)) return base as AskLocale;
  }
  return "en";
}
