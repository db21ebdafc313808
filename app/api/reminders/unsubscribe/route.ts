import { handleUnsubscribe } from "@/lib/reminders/handle-unsubscribe";

export const dynamic = "force-dynamic";

export const POST = handleUnsubscribe;
