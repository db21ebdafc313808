import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your inbox" };
// Rendered per request like every page: a prerendered page carries no CSP nonce, so its scripts were refused.
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  return (
    <>
      <h1>Check your inbox</h1>
      <p>We sent you a sign-in link. It works once, within 24 hours.</p>
    </>
  );
}
