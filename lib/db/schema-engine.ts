import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

/**
 * Prisma's WebAssembly schema engine, the offline stand-in for the native `schema-engine` binary that the
 * Prisma CLI would download (it cannot here). Tooling only: never import this from app code, it is 5 MB of wasm.
 */

export type SchemaEngine = bindings.SchemaEngine;

let loading: Promise<void> | undefined;
let activeEngines = 0;
const pendingTimers = new Set<NodeJS.Timeout>();

// The engine arms ~10 s timers (timeouts raced against its work) and never clears them, which keeps
// a script alive long after it is done. Track them so they can be cleared once no engine is running.
function trackedSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    pendingTimers.delete(timer);
    callback();
  }, ms >>> 0);
  pendingTimers.add(timer);
  return timer;
}

function importsFor(glue: typeof bindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...glue };
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) imports[name] = trackedSetTimeout;
  }
  return imports;
}

// The package's own entry does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20 cannot load
// (wasm ES modules are not enabled), so the glue module is wired to an instance we create ourselves.
function loadWasm(): Promise<void> {
  loading ??= (async () => {
    const glue = createRequire(import.meta.url).resolve(
      "@prisma/schema-engine-wasm/schema_engine_bg",
    );
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": importsFor(bindings),
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return loading;
}

// The engine reports JSON log lines; they are noise unless someone is debugging the engine.
function log(line: string): void {
  if (process.env.PRISMA_SCHEMA_ENGINE_DEBUG) console.error(`[schema-engine] ${line}`);
}

/** Runs `fn` with a schema engine connected through `adapterFactory`, freeing the engine afterwards. */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  activeEngines++;
  try {
    return await run(adapterFactory, fn);
  } finally {
    if (--activeEngines === 0) {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
    }
  }
}

async function run<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { factory, disposeAll } = disposingFactory(adapterFactory);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: undefined },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await disposeAll();
  }
}

// Freeing the engine does not dispose the adapters it connected (adapter-pg's pool would keep the
// process alive and hold connections, which also blocks DROP DATABASE), so record them and do it here.
function disposingFactory(inner: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  const disposeAll = async () => {
    await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
  };
  return { factory, disposeAll };
}
