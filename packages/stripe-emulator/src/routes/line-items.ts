import type Stripe from "stripe";
import type { Emulator } from "../context";
import { invalidParam } from "../errors";
import { buildPrice, buildProduct, type Recurring } from "../objects/catalog";
import { buildLineItem } from "../objects/checkout-session";
import { isStripeCurrency, STRIPE_CURRENCIES } from "../objects/currencies";
import { formatMoney, minimumAmount } from "../objects/money";
import type { Params } from "../params";
import { must } from "../store";

const INTERVALS = ["day", "week", "month", "year"] as const;

/** A currency parameter: one Stripe charges in (`zzz` is a 400, as in Stripe), lower-cased. */
export function checkedCurrency(params: Params, key: string): string | undefined {
  const currency = params.str(key, { required: true })?.toLowerCase();
  if (currency === undefined) return undefined;
  if (!isStripeCurrency(currency)) {
    throw invalidParam(
      `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...STRIPE_CURRENCIES].join(", ")}`,
      params.path(key),
    );
  }
  return currency;
}

function recurringOf(p: Params | undefined): Recurring | null {
  if (!p) return null;
  p.allowOnly(["interval", "interval_count"]);
  return {
    interval: p.oneOf("interval", INTERVALS, { required: true })!,
    interval_count: p.int("interval_count", { min: 1, max: 365 }) ?? 1,
  };
}

/** A line item's price: an existing price ID, or `price_data` (which makes a product and an inactive price). */
function priceOf(emu: Emulator, item: Params): Stripe.Price {
  const priceId = item.str("price");
  if (priceId) return must(emu.store.prices, priceId, "price", item.path("price"));
  const data = item.child("price_data");
  if (!data)
    throw invalidParam(
      "You must specify either `price` or `price_data` for each line item.",
      item.path("price_data"),
    );
  data.allowOnly([
    "currency",
    "unit_amount",
    "unit_amount_decimal",
    "product",
    "product_data",
    "recurring",
    "tax_behavior",
  ]);
  const currency = checkedCurrency(data, "currency")!;
  const decimal = data.str("unit_amount_decimal");
  const unitAmount =
    data.int("unit_amount", { min: 0, required: decimal === undefined }) ??
    Number.parseInt(decimal ?? "0", 10);
  let productId = data.str("product");
  if (productId) must(emu.store.products, productId, "product", data.path("product"));
  else {
    const productData = data.child("product_data", { required: true })!;
    productData.allowOnly([
      "description",
      "images",
      "metadata",
      "name",
      "tax_code",
      "tax_details",
      "unit_label",
    ]);
    const product = buildProduct(productData.str("name", { required: true, max: 250 })!);
    emu.store.products.set(product.id, product);
    productId = product.id;
  }
  const price = buildPrice({
    product: productId,
    currency,
    unitAmount,
    recurring: recurringOf(data.child("recurring")),
  });
  emu.store.prices.set(price.id, price);
  return price;
}

/**
 * Checkout's line items with Stripe's checks: a quantity, one currency, recurring prices exactly in
 * subscription mode, one billing interval, and a total within the currency's minimum and Stripe's maximum.
 */
export function lineItemsFor(
  emu: Emulator,
  params: Params,
  mode: "payment" | "subscription",
): { items: Stripe.LineItem[]; amount: number; currency: string } {
  const items = params.list("line_items", { required: true }).map((item) => {
    item.allowOnly([
      "adjustable_quantity",
      "metadata",
      "price",
      "price_data",
      "quantity",
      "tax_rates",
    ]);
    const quantity = item.int("quantity", { required: true, min: 1, max: 999_999 })!;
    const price = priceOf(emu, item);
    const product = emu.store.products.get(String(price.product));
    return buildLineItem(price, quantity, product?.name ?? "Item");
  });
  const currency = items[0]?.currency ?? "usd";
  if (items.some((i) => i.currency !== currency))
    throw invalidParam("All line items must use the same currency.", "line_items");
  const recurring = items.filter((i) => i.price?.recurring);
  if (mode === "payment" && recurring.length > 0) {
    throw invalidParam(
      "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
      "line_items",
    );
  }
  if (mode === "subscription") {
    if (recurring.length === 0)
      throw invalidParam(
        "You must provide at least one recurring price in `subscription` mode when using prices.",
        "line_items",
      );
    if (recurring.length < items.length)
      throw invalidParam(
        "The Stripe emulator does not support one-time prices in `subscription` mode.",
        "line_items",
      );
    const intervals = new Set(
      recurring.map((i) => `${i.price?.recurring?.interval}/${i.price?.recurring?.interval_count}`),
    );
    if (intervals.size > 1)
      throw invalidParam(
        "Checkout does not support multiple prices with different billing intervals.",
        "line_items",
      );
  }
  const amount = items.reduce((sum, i) => sum + i.amount_total, 0);
  const minimum = minimumAmount(currency);
  if (amount < minimum) {
    throw invalidParam(
      `The Checkout Session's total amount due must add up to at least ${formatMoney(minimum, currency)} ${currency}`,
      undefined,
      "amount_too_small",
    );
  }
  if (amount > 99_999_999)
    throw invalidParam(
      "The Checkout Session's total amount due must be no more than 999,999.99.",
      undefined,
      "amount_too_large",
    );
  return { items, amount, currency };
}
