/**
 * Runs a command-line entry point: its failure becomes one readable message on stderr and exit code 1,
 * not a stack trace from inside the wasm engine.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    // Explicit exit: a driver left open by a dependency must not keep a finished script alive.
    () => process.exit(0),
    (err: unknown) => {
      console.error(`error: ${describeError(err)}`);
      if (process.env.DEBUG) console.error(err);
      process.exit(1);
    },
  );
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.trim();
  return String(err);
}
