import { filterQuery } from "@/lib/dashboard/filters";

/** A list's page links: back to the first page once past it, and on to the next while there is one. */
export function Pager({
  path,
  filters,
  next,
}: {
  path: string;
  filters: { after?: unknown };
  next: string | null;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      {filters.after ? <a href={`${path}${filterQuery(filters)}`}>First page</a> : null}
      {next && <a href={`${path}${filterQuery(filters, { after: next })}`}>Next page</a>}
    </nav>
  );
}
