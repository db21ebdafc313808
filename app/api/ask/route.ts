import { handleAskDecision, handleAskPreflight } from "@/lib/ask/handle-ask-decision";

export const dynamic = "force-dynamic";

export const GET = handleAskDecision;
export const OPTIONS = handleAskPreflight;
