/** A minimal method + path router: patterns like `/v1/subscriptions/:id`. */
interface Route<H> {
  method: string;
  regex: RegExp;
  keys: string[];
  handler: H;
}

export type Match<H> =
  { handler: H; params: Record<string, string> } | { notAllowed: true } | undefined;

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed escapes simply match nothing stored
  }
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  on(method: string, pattern: string, handler: H): this {
    const keys: string[] = [];
    const source = pattern.replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.routes.push({ method, regex: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  match(method: string, path: string): Match<H> {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = safeDecode(found[i + 1] ?? "")));
      return { handler: route.handler, params };
    }
    return pathMatched ? { notAllowed: true } : undefined;
  }
}
