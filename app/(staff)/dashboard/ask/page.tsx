import type { Metadata } from "next";
import { type Column, DataTable } from "@/components/DataTable";
import { AskEditorForm, fieldId } from "@/components/dashboard/AskEditorForm";
import { moment } from "@/components/dashboard/format";
import { requireStaff } from "@/lib/auth/require";
import { hasRole } from "@/lib/auth/roles";
import { askEditorState, editorNotice } from "@/lib/ask/editor-state";
import { db } from "@/lib/db";
import { editAsk, restoreAsk } from "./actions";

export const metadata: Metadata = { title: "The ask" };
export const dynamic = "force-dynamic";

const VERSION_COLUMNS: Column[] = [
  { label: "Version" },
  { label: "Published" },
  { label: "By" },
  { label: "What changed" },
  { label: <span className="visually-hidden">Actions</span> },
];

export default async function AskEditorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff("/dashboard/ask");
  const query = await searchParams;
  const state = await askEditorState(db);
  const isAdmin = hasRole(user.role, "ADMIN");
  const notice = editorNotice(query);
  const previewLocale = query.preview === "ru" ? "ru" : "en";
  const latest = state.versions[0]?.id ?? 0;

  return (
    <>
      <h1>The ask</h1>
      <p className="fineprint">
        {state.draft
          ? `Draft saved by ${state.draft.updatedBy} on ${moment(state.draft.updatedAt)}, based on ${state.draft.baseVersion ? `version ${state.draft.baseVersion}` : "the built-in ask"}.`
          : latest
            ? `Readers see version ${latest}. Changes you save become a draft until an admin publishes them.`
            : "Readers see the built-in ask. Changes you save become a draft until an admin publishes them."}{" "}
        A published version reaches every page and the embed within a few seconds.
      </p>
      {notice && (
        <p
          className={notice.error ? "notice error-box" : "notice"}
          role={notice.error ? "alert" : "status"}
        >
          {notice.text}
        </p>
      )}
      {state.problems.length > 0 && (
        <div className="notice error-box" role="region" aria-labelledby="problems-heading">
          <h2 id="problems-heading">
            {state.problems.length === 1
              ? "1 thing to fix before publishing"
              : `${state.problems.length} things to fix before publishing`}
          </h2>
          <ul>
            {state.problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <a href={`#${fieldId(p.path)}`}>{p.message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <section aria-labelledby="preview-heading" className="ask-preview">
        <h2 id="preview-heading">
          Preview {state.draft ? "of the draft" : "of the published ask"}
        </h2>
        <p>
          <a
            href="?preview=en#preview-heading"
            aria-current={previewLocale === "en" ? "true" : undefined}
          >
            English
          </a>{" "}
          ·{" "}
          <a
            href="?preview=ru#preview-heading"
            aria-current={previewLocale === "ru" ? "true" : undefined}
          >
            Russian
          </a>
        </p>
        {state.problems.length > 0 ? (
          <p>The preview shows once the problems above are fixed.</p>
        ) : (
          <div className="preview-frames">
            <iframe
              title={`Preview at desktop width (${previewLocale === "ru" ? "Russian" : "English"})`}
              src={`/ask-preview?locale=${previewLocale}&width=desktop`}
              width={720}
              height={1100}
            />
            <iframe
              title={`Preview at phone width (${previewLocale === "ru" ? "Russian" : "English"})`}
              src={`/ask-preview?locale=${previewLocale}&width=phone`}
              width={375}
              height={1100}
            />
          </div>
        )}
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit</h2>
        <AskEditorForm
          fields={state.fields}
          candidate={state.candidate}
          problems={state.problems}
          canPublish={isAdmin}
          hasDraft={state.draft !== null}
          action={editAsk}
        />
      </section>

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Published versions</h2>
        {state.versions.length === 0 ? (
          <p>Nothing published yet: readers see the built-in ask.</p>
        ) : (
          <DataTable caption="Published versions, newest first" columns={VERSION_COLUMNS}>
            {state.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.id === latest ? `${v.id} (live)` : v.id}</td>
                <td>{moment(v.publishedAt)}</td>
                <td>{v.publishedBy}</td>
                <td>{v.changes.join(", ")}</td>
                <td>
                  {isAdmin && v.id !== latest && (
                    <form action={restoreAsk}>
                      <input type="hidden" name="version" value={v.id} />
                      <button type="submit" className="secondary">
                        Restore version {v.id}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
