"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The page's result as its h1, focused on arrival so a screen reader announces it at once (and a keyboard
 * reader starts from it); -1 keeps it out of the tab order.
 */
export function FocusHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="result-heading">
      {children}
    </h1>
  );
}
