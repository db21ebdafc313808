import { handleConfirmReminder } from "@/lib/reminders/handle-confirm";

export const dynamic = "force-dynamic";

export const POST = handleConfirmReminder;
