import { toMajorText } from "../rules/money";

/**
 * CSV that spreadsheets open correctly: UTF-8 with a byte-order mark (Excel), CRLF line ends, every field
 * quoted, and cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) prefixed with '.
 */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * Minor units as a plain decimal in the currency's major unit ("25.00", "1000" for yen): a number a
 * spreadsheet can sum, not a localised string.
 */
export function decimal(minor: number, currency: string): string {
  return toMajorText(minor, currency);
}

/** Streams rows as CSV; nothing is held beyond one batch of rows. */
export function csvResponse<T>(
  filename: string,
  header: readonly string[],
  rows: AsyncIterable<T>,
  toValues: (row: T) => unknown[],
): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(toValues(next.value));
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
