import { PRESETS, type Preset } from "@/lib/dashboard/period";

/** The period presets of a dashboard page, the chosen one marked as the current page. */
export function PeriodNav({ path, preset }: { path: string; preset: Preset }) {
  return (
    <nav aria-label="Period" className="presets">
      {(Object.keys(PRESETS) as Preset[]).map((p) => (
        <a key={p} href={`${path}?period=${p}`} aria-current={p === preset ? "page" : undefined}>
          {PRESETS[p]}
        </a>
      ))}
    </nav>
  );
}
