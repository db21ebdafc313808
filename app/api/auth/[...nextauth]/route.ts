import NextAuth from "next-auth";
import { guardAuthRequest } from "@/lib/auth/guard-request";
import { authOptions, withSignInMailLocale } from "@/lib/auth/options";
import { withSignInLimits } from "@/lib/auth/signin-limits";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built on first request, not at import: `next build` imports this module.
async function handler(request: Request, context: Context): Promise<Response> {
  // Malformed requests next-auth would answer with a 500 (or pass on) stop here; see lib/auth/guard-request.
  const config = env();
  const refused = await guardAuthRequest(request, config.APP_URL, config.authSecret);
  if (refused) return refused;
  return NextAuth(
    request as never,
    context as never,
    withSignInLimits(withSignInMailLocale(authOptions(), request), request, env().APP_URL),
  ) as Promise<Response>;
}

export { handler as GET, handler as POST };
