import { type ReactNode, useId } from "react";

/** A column of a DataTable: its heading, and whether it holds numbers (right-aligned). */
export type Column = { label: ReactNode; num?: boolean };

/**
 * A `table.data` with a caption for screen readers, one heading a column and, when `empty` is given, one row
 * that says so across every column. The staff dashboard's tables scroll in a `.table-wrap`; `wrap={false}` leaves it out.
 * The wrap is a focusable region named by the caption, so a keyboard can scroll a table wider than a phone
 * (axe's scrollable-region-focusable) and a screen reader announces which table it is in.
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
  const captionId = useId();
  const table = (
    <table className="data" data-testid={testId}>
      <caption id={captionId} className="visually-hidden">
        {caption}
      </caption>
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
  return wrap ? (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
