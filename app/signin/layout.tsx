import type { ReactNode } from "react";
import "../accounts.css";

export default function SignInLayout({ children }: { children: ReactNode }) {
  return <div className="panel narrow">{children}</div>;
}
