/**
 * The emulator for the app's scripts: a server to start (`startEmulator`, or `runFromEnvironment` as the
 * `npm run emulator` command does), and the state a seed writes when no emulator is running.
 */
export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server";
export { runFromEnvironment, type CommandDefaults } from "./cli";
export { Emulator } from "./context";
export { importAccounts, type ImportedAccounts } from "./flows/import";
export { readState, restore, snapshot, writeState, type Snapshot } from "./persistence";
