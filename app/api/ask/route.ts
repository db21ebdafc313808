import { handleAskDecision, handleAskPreflight } from "@/lib/ask/handle-decision";

export const dynamic = "force-dynamic";

export const GET = handleAskDecision;
export const OPTIONS = handleAskPreflight;
