import type { Metadata } from "next";
import { SupportAsk } from "@/components/support/SupportAsk";
import { env } from "@/lib/env";
import { supportPageState } from "@/lib/support/page-state";

export const metadata: Metadata = { title: "Support our journalism" };
export const dynamic = "force-dynamic";

export default async function SupportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const config = env();
  const state = supportPageState(await searchParams, config.DEFAULT_CURRENCY);
  return <SupportAsk publication={config.PUBLICATION_NAME} headingLevel={1} {...state} />;
}
