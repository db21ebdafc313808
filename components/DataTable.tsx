import type { ReactNode } from "react";

/** A column of a DataTable: its heading, and whether it holds numbers (right-aligned). */
export type Column = { label: ReactNode; num?: boolean };

/**
 * A `table.data` with a caption for screen readers, one heading a column and, when `empty` is given, one row
 * that says so across every column. The staff dashboard's tables scroll in a `.table-wrap`; `wrap={false}` leaves it out.
 */
export function DataTable({
  caption,
  columns,
  testId,
  empty,
  wrap = true,
  children,
}: {
  caption: ReactNode;
  columns: Column[];
  testId?: string;
  empty?: ReactNode;
  wrap?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className="data" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.num ? "num" : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {empty ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : null}
        {children}
      </tbody>
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
