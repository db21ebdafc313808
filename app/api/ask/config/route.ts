import { handleAskConfig } from "@/lib/ask/handle-ask-config";

export const dynamic = "force-dynamic";

export const GET = handleAskConfig;
