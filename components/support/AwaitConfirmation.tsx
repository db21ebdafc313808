"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const INTERVAL_MS = 2000;
const GIVE_UP_AFTER = 15; // about half a minute

/** Re-asks the server until the webhook has recorded the payment; honest when it has not arrived yet. */
export function AwaitConfirmation({ gift, checkUrl }: { gift: string; checkUrl: string }) {
  const router = useRouter();
  const [tries, setTries] = useState(0);
  const t = useTranslations("thanks");

  useEffect(() => {
    if (tries >= GIVE_UP_AFTER) return;
    const timer = setTimeout(() => {
      router.refresh();
      setTries((n) => n + 1);
    }, INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [tries, router]);

  return (
    <div role="status" aria-live="polite">
      <p>{t("awaiting", { gift })}</p>
      <p>
        {t.rich(tries >= GIVE_UP_AFTER ? "slow" : "autoUpdate", {
          check: (chunks) => <a href={checkUrl}>{chunks}</a>,
        })}
      </p>
    </div>
  );
}
