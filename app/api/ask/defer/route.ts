import { handleAskPreflight } from "@/lib/ask/handle-decision";
import { handleAskDefer } from "@/lib/ask/handle-defer";

export const dynamic = "force-dynamic";

export const POST = handleAskDefer;
export const OPTIONS = handleAskPreflight;
