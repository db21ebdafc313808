import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";

// Typed keys and arguments for next-intl's hooks and functions: a misspelt key fails typecheck.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
