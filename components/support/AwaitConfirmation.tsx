"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const INTERVAL_MS = 2000;
const GIVE_UP_AFTER = 15; // about half a minute

/** Re-asks the server until the webhook has recorded the payment; honest when it has not arrived yet. */
export function AwaitConfirmation({ gift, checkUrl }: { gift: string; checkUrl: string }) {
  const router = useRouter();
  const [tries, setTries] = useState(0);

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
      <p>
        We have not yet received confirmation of your {gift} gift from our payment provider. This
        usually takes a few seconds.
      </p>
      {tries >= GIVE_UP_AFTER ? (
        <p>
          It is taking longer than usual. You will receive a receipt by email once the payment is
          confirmed; <a href={checkUrl}>check again</a>.
        </p>
      ) : (
        <p>
          This page updates by itself. <a href={checkUrl}>Check now</a>
        </p>
      )}
    </div>
  );
}
