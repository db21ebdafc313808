import { handleCheckoutRequest } from "@/lib/checkout/handle-request";

export const dynamic = "force-dynamic";

export const POST = handleCheckoutRequest;
