/** A tiny element builder: the embed loads no framework, so this is its whole "JSX". */
type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

/** A radio drawn as a button-like tile; the input stays a real radio, so labels, arrows and forms just work. */
export function tile(
  name: string,
  value: string,
  text: string,
  checked: boolean,
  onchange: () => void,
): HTMLLabelElement {
  return h(
    "label",
    { class: "choice" },
    h("input", { type: "radio", name, value, checked, onchange }),
    h("span", null, text),
  );
}
