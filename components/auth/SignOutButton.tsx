"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function SignOutButton({ className = "link-button" }: { className?: string }) {
  const t = useTranslations("signIn");
  return (
    <button type="button" className={className} onClick={() => signOut({ callbackUrl: "/signin" })}>
      {t("signOut")}
    </button>
  );
}
