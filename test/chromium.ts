/**
 * The Chromium the end-to-end tests and the benchmarks drive (CHROMIUM_PATH, else the system's), and the flags
 * both launch it with: no sandbox or GPU, and none of the background traffic that would skew a measurement.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
