import type { Metadata } from "next";

export const metadata: Metadata = { title: "Page not found" };

/** Our own 404, inside the site's layout (banner, header, footer), for any URL or record that does not exist. */
export default function NotFound() {
  return (
    <section className="panel narrow" aria-labelledby="not-found">
      <h1 id="not-found">Page not found</h1>
      <p>
        There is nothing at this address. It may have been mistyped, or what it pointed to is gone.
      </p>
      <ul>
        <li>
          <a href="/support">Support our journalism</a>
        </li>
        <li>
          <a href="/account">Your account</a>
        </li>
        <li>
          <a href="/dashboard">Staff dashboard</a>
        </li>
      </ul>
    </section>
  );
}
