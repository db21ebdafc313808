import { existsSync } from "node:fs";

// Next.js reads .env itself; our scripts (start, migrate) read it here so both see the same settings.
if (existsSync(".env")) process.loadEnvFile(".env");
