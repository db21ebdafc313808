import { defineConfig } from "prisma/config";

// The Prisma CLI reads this; `env()` throws on unset variables, so read process.env directly.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
