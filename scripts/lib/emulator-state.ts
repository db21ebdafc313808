/**
 * Where the quick start keeps the Stripe emulator's state (customers, subscriptions, invoices, charges, events),
 * beside the embedded database under .data/ (ignored by git): `npm start` hands it to the emulator, and
 * `npm run db:seed` writes the seeded readers' Stripe objects into it when the emulator is not running.
 */
export const EMULATOR_STATE_FILE = ".data/stripe-emulator.json";
