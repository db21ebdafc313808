import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False while rendering on the server and hydrating (the HTML a reader without JavaScript gets), then true: for
 * forms that work as plain HTML and do more once script runs.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
