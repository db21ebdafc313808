import {
  Emulator,
  importAccounts,
  readState,
  restore,
  snapshot,
  writeState,
} from "@reader-revenue/stripe-emulator";
import type { SeedStripeAccount } from "../../lib/seed/stripe-accounts";
import { isAnswering } from "./processes";

const BATCH = 100; // well under the emulator's 1 MB request body limit

/**
 * Puts the seeded readers' Stripe objects into the emulator: through its import helper (`POST /_emulator/import`)
 * when it is running, else straight into its state file, which it loads when it starts. Writing the file under a
 * running emulator would be overwritten by its next save, hence the check. Returns how the objects got there.
 */
export async function seedEmulator(
  accounts: SeedStripeAccount[],
  emulatorUrl: string,
  statePath: string,
): Promise<"running emulator" | "state file"> {
  const base = emulatorUrl.replace(/\/$/, "");
  if (await isAnswering(`${base}/_emulator/health`)) {
    for (let from = 0; from < accounts.length; from += BATCH) {
      const response = await fetch(`${base}/_emulator/import`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ accounts: accounts.slice(from, from + BATCH) }),
      });
      if (!response.ok)
        throw new Error(
          `the Stripe emulator at ${base} refused the seeded accounts: HTTP ${response.status} ${await response.text()}`,
        );
    }
    return "running emulator";
  }
  const emu = new Emulator({
    url: null,
    secret: "unused: no deliveries",
    retryDelaysMs: [],
    log: () => {},
  });
  emu.baseUrl = base;
  const saved = readState(statePath);
  if (saved) restore(emu, saved, { resumeDeliveries: false });
  for (let from = 0; from < accounts.length; from += BATCH)
    importAccounts(emu, { accounts: accounts.slice(from, from + BATCH) });
  writeState(statePath, snapshot(emu));
  return "state file";
}
