import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your inbox" };

export default function CheckEmailPage() {
  return (
    <>
      <h1>Check your inbox</h1>
      <p>We sent you a sign-in link. It works once, within 24 hours.</p>
    </>
  );
}
