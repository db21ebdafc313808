import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo/DemoBanner";
import { env } from "@/lib/env";
import "./globals.css";
import "./accounts.css";

export function generateMetadata(): Metadata {
  const publication = env().PUBLICATION_NAME;
  return { title: { default: `Support ${publication}`, template: `%s · ${publication}` } };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {env().mode === "demo" && <DemoBanner />}
        <header className="site-header">
          <a href="/support" className="site-name">
            {env().PUBLICATION_NAME}
          </a>
        </header>
        <main id="main">{children}</main>
        <footer className="site-footer">
          <a href="/account">Your account</a>
        </footer>
      </body>
    </html>
  );
}
