/**
 * Small, recognisable marks for the payment methods Stripe Checkout offers with automatic payment methods on a
 * typical account (drawn by the ask and the embed alike):
 * each is a card-shaped badge in the brand's colours with its wordmark or symbol, named for screen readers.
 */
export type PaymentMark = {
  name: string;
  background: string;
  border?: string;
  /** The wordmark, in the brand's ink colour(s): [text, colour] runs. */
  text: readonly (readonly [string, string])[];
  italic?: boolean;
  /** Mastercard's two circles instead of a wordmark. */
  circles?: readonly [string, string];
};

export const PAYMENT_MARKS: readonly PaymentMark[] = [
  { name: "Visa", background: "#1a1f71", text: [["VISA", "#ffffff"]], italic: true },
  {
    name: "Mastercard",
    background: "#ffffff",
    border: "#c8c8c8",
    text: [],
    circles: ["#eb001b", "#f79e1b"],
  },
  { name: "American Express", background: "#006fcf", text: [["AMEX", "#ffffff"]] },
  { name: "Apple Pay", background: "#000000", text: [["Apple Pay", "#ffffff"]] },
  {
    name: "Google Pay",
    background: "#ffffff",
    border: "#c8c8c8",
    text: [
      ["G", "#4285f4"],
      [" Pay", "#3c4043"],
    ],
  },
  { name: "Link", background: "#00d66f", text: [["link", "#011e0f"]] },
];

export const MARK_WIDTH = 52;
export const MARK_HEIGHT = 30;

/** The font size that fits a wordmark in the badge. */
export function markFontSize(mark: PaymentMark): number {
  const length = mark.text.reduce((n, [run]) => n + run.length, 0);
  return length > 6 ? 9.5 : 12;
}
