import { handleAskPreflight } from "@/lib/ask/handle-ask-decision";
import { handleRecognise } from "@/lib/ask/handle-recognise";

export const dynamic = "force-dynamic";

export const POST = handleRecognise;
export const OPTIONS = handleAskPreflight;
