/**
 * Runs once when a server starts (`next start`, `next dev`): the configuration is checked here, so a live
 * deployment without its secrets refuses to start, naming what to set, instead of failing request by request.
 */
export async function register(): Promise<void> {
  const { env } = await import("./lib/env");
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
