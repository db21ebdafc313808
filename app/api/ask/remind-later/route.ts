import { handleAskPreflight } from "@/lib/ask/handle-ask-decision";
import { handleRemindLater } from "@/lib/ask/handle-remind-later";

export const dynamic = "force-dynamic";

export const POST = handleRemindLater;
export const OPTIONS = handleAskPreflight;
