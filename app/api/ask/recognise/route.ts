import { handleRecognise } from "@/lib/ask/handle-recognise";

export const dynamic = "force-dynamic";

export const POST = handleRecognise;
