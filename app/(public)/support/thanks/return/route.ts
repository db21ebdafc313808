import { handleCheckoutReturn } from "@/lib/checkout/handle-return";

export const dynamic = "force-dynamic";

export const GET = handleCheckoutReturn;
