// A second process for rate-limit.integration.test.ts: spends points against the shared store and reports.
import { consume } from "@/lib/security/rate-limit";

const [name, key, times] = process.argv.slice(2) as ["checkout-ip", string, string];
let allowed = 0;
for (let i = 0; i < Number(times); i++) if ((await consume(name, key)).allowed) allowed++;
console.log(JSON.stringify({ allowed }));
process.exit(0);
