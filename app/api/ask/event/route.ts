import { after } from "next/server";
import { handleAskPreflight } from "@/lib/ask/handle-ask-decision";
import { handleAskEvent, handleAskPixel } from "@/lib/ask/handle-event";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleAskEvent(request, after);
export const GET = (request: Request) => handleAskPixel(request, after);
export const OPTIONS = handleAskPreflight;
