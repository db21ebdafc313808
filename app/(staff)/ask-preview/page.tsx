import type { Metadata } from "next";
import { AskBox } from "@/components/ask/AskBox";
import { requireStaff } from "@/lib/auth/require";
import { askEditorState } from "@/lib/ask/editor-state";
import { supportPageState } from "@/lib/ask/page-state";
import { isAskLocale } from "@/lib/ask/settings";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Preview of the ask" };
export const dynamic = "force-dynamic";

/**
 * The real ask component with the editor's draft (or the published ask), for the editor's preview frames. It
 * counts nothing and cannot be submitted: it is inert.
 */
export default async function AskPreviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff("/dashboard/ask");
  const query = await searchParams;
  const locale = isAskLocale(query.locale) ? query.locale : "en";
  const { candidate, problems } = await askEditorState(db);
  // The page draws its own main (the layout leaves it bare), named for its frame: two frames, two names.
  const width = query.width === "phone" ? "phone" : "desktop";
  if (problems.length > 0)
    return (
      <main aria-label={`Preview at ${width} width`}>
        <p>The draft has problems to fix before it can be previewed: see the editor.</p>
      </main>
    );
  return (
    <main aria-label={`Preview at ${width} width`} inert>
      <AskBox
        publication={env().PUBLICATION_NAME}
        headingLevel={1}
        surface="support-page"
        variant={query.renew === "1" ? "renew" : "default"}
        returnTo="/support"
        captcha={null}
        settings={candidate}
        locale={locale}
        preview
        {...supportPageState({}, candidate)}
      />
    </main>
  );
}
