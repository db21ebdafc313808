import { handleAskPreflight } from "@/lib/ask/handle-ask-decision";
import { handleAskEvent, handleAskPixel } from "@/lib/ask/handle-event";

export const dynamic = "force-dynamic";

export const POST = handleAskEvent;
export const GET = handleAskPixel;
export const OPTIONS = handleAskPreflight;
