import Link from "next/link";

/** A supporter id that is not one (mistyped, merged away, or garbage): said inside the dashboard, with a way back. */
export default function SupporterNotFound() {
  return (
    <>
      <h1>No such supporter</h1>
      <p>
        There is no supporter with this id: the link may be mistyped, or the supporter was merged
        into another record.
      </p>
      <p>
        <Link href="/dashboard/supporters">Find them in the supporters list</Link>
      </p>
    </>
  );
}
