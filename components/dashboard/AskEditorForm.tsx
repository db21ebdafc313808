import { CURRENCIES } from "@/lib/rules/currencies";
import { FREQUENCIES } from "@/lib/rules/frequencies";
import { FREQUENCY_LABELS } from "@/lib/ask/amounts";
import { ASK_LOCALES, LOCALE_NAMES, type AskSettings } from "@/lib/ask/settings";
import type { SettingsFields } from "@/lib/ask/settings-form";
import type { SettingsProblem } from "@/lib/ask/settings";

type Props = {
  fields: SettingsFields;
  /** The candidate the fields read as (which currencies and choices to draw). */
  candidate: AskSettings;
  problems: SettingsProblem[];
  canPublish: boolean;
  hasDraft: boolean;
  /** The server action the form posts to (app/(staff)/dashboard/ask/actions.ts). */
  action: (form: FormData) => Promise<void>;
};

export const fieldId = (name: string) => `f-${name.replace(/\./g, "-")}`;

const COPY_FIELDS: { key: string; label: string; long?: boolean; hint?: string }[] = [
  {
    key: "heading",
    label: "Heading",
    hint: "{publication} is replaced with the publication's name.",
  },
  {
    key: "appeal",
    label: "Appeal",
    long: true,
    hint: "Plain text. A blank line starts a new paragraph.",
  },
  { key: "button", label: "Button", hint: "{amount} becomes the chosen gift, e.g. $10/month." },
  {
    key: "buttonOnce",
    label: "Button for a one-time gift",
    hint: "{amount} becomes the gift, e.g. $25.",
  },
  { key: "remindPrompt", label: "Remind-me-later prompt" },
  { key: "remindAction", label: "Remind-me-later link" },
  { key: "thanks", label: "Thank-you text (for supporters)", long: true },
  { key: "renewHeading", label: "Renewal heading" },
  { key: "renewAppeal", label: "Renewal appeal (for lapsed supporters)", long: true },
];

const AMOUNT_FIELDS = [
  { key: "presets", label: "Presets", hint: "separated by commas and spaces" },
  { key: "defaultAmount", label: "Default" },
  { key: "min", label: "Minimum" },
  { key: "max", label: "Maximum" },
  { key: "recommended", label: "Recommended", hint: "optional" },
] as const;

/** The ask editor: a plain form (works without JavaScript) whose buttons save, publish or discard the draft. */
export function AskEditorForm({
  fields,
  candidate,
  problems,
  canPublish,
  hasDraft,
  action,
}: Props) {
  const problemAt = new Map<string, string>();
  for (const p of problems) if (!problemAt.has(p.path)) problemAt.set(p.path, p.message);
  const value = (name: string) => {
    const v = fields[name];
    return Array.isArray(v) ? v.join(",") : (v ?? "");
  };

  function Field({
    name,
    label,
    long = false,
    hint,
    size,
  }: {
    name: string;
    label: string;
    long?: boolean;
    hint?: string;
    size?: number;
  }) {
    const id = fieldId(name);
    const problem = problemAt.get(name);
    const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-error` : ""]
      .filter(Boolean)
      .join(" ");
    const common = {
      id,
      name,
      defaultValue: value(name),
      "aria-invalid": problem ? true : undefined,
      "aria-describedby": describedBy || undefined,
    };
    return (
      <div className="editor-field">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="fineprint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {long ? <textarea rows={6} {...common} /> : <input size={size} {...common} />}
        {problem && (
          <span className="error" id={`${id}-error`}>
            {problem}
          </span>
        )}
      </div>
    );
  }

  const offered = new Set(candidate.currencies);
  const choiceIds = candidate.remindLater.choices.map((c) => c.id);
  const generalProblem = (name: string) =>
    problemAt.get(name) && (
      <p className="error" id={`${fieldId(name)}-error`}>
        {problemAt.get(name)}
      </p>
    );

  return (
    <form action={action} className="ask-editor" noValidate>
      <input type="hidden" name="remindLater.ids" value={choiceIds.join(",")} />
      {ASK_LOCALES.map((locale) => (
        <fieldset key={locale} className="editor-group" lang={locale}>
          <legend>Words in {LOCALE_NAMES[locale]}</legend>
          {COPY_FIELDS.map((f) => (
            <Field
              key={f.key}
              name={`copy.${locale}.${f.key}`}
              label={f.label}
              long={f.long}
              hint={f.hint}
            />
          ))}
          {choiceIds.map((id) => (
            <Field
              key={id}
              name={`copy.${locale}.remindChoices.${id}`}
              label={`Remind-later choice "${id}"`}
            />
          ))}
        </fieldset>
      ))}

      <fieldset className="editor-group" id={fieldId("currencies")}>
        <legend>Currencies offered</legend>
        <p className="fineprint">Tick a currency and save to set its amounts.</p>
        <div className="editor-currencies">
          {CURRENCIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name="currencies" value={c} defaultChecked={offered.has(c)} />{" "}
              {c}
            </label>
          ))}
        </div>
        {generalProblem("currencies")}
        <div className="editor-field">
          <label htmlFor={fieldId("defaultCurrency")}>Default currency</label>
          <select
            id={fieldId("defaultCurrency")}
            name="defaultCurrency"
            defaultValue={value("defaultCurrency")}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {generalProblem("defaultCurrency")}
        </div>
        <div className="editor-field">
          <label htmlFor={fieldId("defaultFrequency")}>Default frequency</label>
          <select
            id={fieldId("defaultFrequency")}
            name="defaultFrequency"
            defaultValue={value("defaultFrequency")}
          >
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      {candidate.currencies.map((currency) => (
        <fieldset key={currency} className="editor-group" id={fieldId(`amounts.${currency}`)}>
          <legend>Amounts in {currency}</legend>
          {generalProblem(`amounts.${currency}`)}
          {FREQUENCIES.map((frequency) => (
            <fieldset key={frequency} className="editor-row">
              <legend>{FREQUENCY_LABELS[frequency]}</legend>
              {AMOUNT_FIELDS.map((f) => (
                <Field
                  key={f.key}
                  name={`amounts.${currency}.${frequency}.${f.key}`}
                  label={f.label}
                  hint={"hint" in f ? f.hint : undefined}
                  size={f.key === "presets" ? 24 : 8}
                />
              ))}
            </fieldset>
          ))}
        </fieldset>
      ))}

      <fieldset className="editor-group">
        <legend>Remind me later</legend>
        {choiceIds.map((id) => (
          <Field key={id} name={`remindLater.${id}.days`} label={`Days for "${id}"`} size={4} />
        ))}
        <div className="editor-field">
          <label htmlFor={fieldId("remindLater.defaultChoice")}>Preselected choice</label>
          <select
            id={fieldId("remindLater.defaultChoice")}
            name="remindLater.defaultChoice"
            defaultValue={value("remindLater.defaultChoice")}
          >
            {choiceIds.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
          {generalProblem("remindLater.defaultChoice")}
        </div>
      </fieldset>

      <div className="editor-actions">
        <button type="submit" name="intent" value="save">
          Save draft and preview
        </button>
        {canPublish ? (
          <button type="submit" name="intent" value="publish" className="primary">
            Publish
          </button>
        ) : (
          <p className="fineprint">An admin publishes the draft.</p>
        )}
        {hasDraft && (
          <button type="submit" name="intent" value="discard" className="secondary">
            Discard draft
          </button>
        )}
      </div>
    </form>
  );
}
