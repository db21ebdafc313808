import { after } from "next/server";
import { handleAskPreflight } from "@/lib/ask/handle-ask-decision";
import { handleAskEvent } from "@/lib/ask/handle-event";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleAskEvent(request, after);
export const OPTIONS = handleAskPreflight;
