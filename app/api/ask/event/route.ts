import { handleAskPreflight } from "@/lib/ask/handle-decision";
import { handleAskEvent } from "@/lib/ask/handle-event";

export const dynamic = "force-dynamic";

export const POST = handleAskEvent;
export const OPTIONS = handleAskPreflight;
