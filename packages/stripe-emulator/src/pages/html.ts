/** Shared markup for the hosted pages: accessible, self-contained (inline CSS, no scripts, no external assets). */

export function escape(text: unknown): string {
  return String(text ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof Html ? v.value : escape(v))).join("")
      : value instanceof Html
        ? value.value
        : escape(value);
    out += rendered + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

// Colours meet WCAG AA contrast (text ≥ 4.5:1) on their backgrounds; focus is always visible.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.banner{background:#fff4d6;color:#5c3d00;border:2px solid #b8860b;border-radius:6px;padding:.75rem 1rem;margin:0 0 1.5rem}
.card{background:#fff;border:1px solid #d5dbe1;border-radius:8px;padding:1.25rem;margin-bottom:1.25rem}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
dl{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;margin:0}
dt{font-weight:400}dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
.total{font-weight:700;border-top:1px solid #d5dbe1;padding-top:.5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #6b7280;border-radius:6px;color:#1a1f36;background:#fff}
button{display:block;width:100%;font:inherit;font-weight:600;padding:.7rem 1rem;margin-top:.75rem;border-radius:6px;border:2px solid #0a2540;cursor:pointer}
.primary{background:#0a2540;color:#fff}
.secondary{background:#fff;color:#0a2540}
fieldset{border:0;padding:0;margin:1rem 0 0}
legend{font-weight:600;padding:0}
.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.4rem 0}
.choice input{width:auto}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.35rem .25rem;border-bottom:1px solid #d5dbe1}
caption{text-align:left}
.hint{color:#4a5565;font-size:.9rem;margin:.25rem 0 0}
.error{background:#fdecea;color:#8a1c12;border:2px solid #c0392b;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
.notice{background:#e6f4ea;color:#1e4620;border:2px solid #2e7d32;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
a{color:#0a4fa3}
:focus-visible{outline:3px solid #0a4fa3;outline-offset:2px}
`;

export function page(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner" role="note"><strong>Test mode — no real payment.</strong> This page is served by the local Stripe emulator; no card or bank account is charged.</p>
${body.value}
</main>
</body>
</html>`;
}

export function formatDate(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
}
