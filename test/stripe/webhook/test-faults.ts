import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import pg from "pg";

/**
 * Faults for the webhook's robustness tests, made outside the product's code: a TCP proxy in front of
 * PostgreSQL that can be cut (every connection reset, new ones refused, as when the server restarts or the
 * network drops), an HTTP proxy in front of the Stripe emulator that can make chosen API paths fail, and
 * helpers that find and kill or time the app's own database sessions.
 */

export type TcpProxy = {
  /** The proxy's port: put it in the app's DATABASE_URL. */
  port: number;
  /** Resets every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  readonly connections: number;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const pair = [client, upstream];
    for (const socket of pair) {
      open.add(socket);
      socket.on("error", () => pair.forEach((s) => s.destroy()));
      socket.on("close", () => {
        open.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      down = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      down = false;
    },
    get connections() {
      return open.size / 2;
    },
    close() {
      down = true;
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP proxy to `targetUrl`; requests whose path matches `failing` get a 503 in Stripe's error envelope. */
export async function startHttpFaultProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  let failing: RegExp | null = null;
  const server = http.createServer((req, res) => {
    if (failing?.test(req.url ?? "")) {
      req.resume();
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: "Injected outage (test)." } }));
      return;
    }
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fail(paths: RegExp | null) {
      failing = paths;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A separate connection to the test database, for the test's own orchestration (locks, kills, probes). */
export async function sideConnection(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {}); // the database is dropped at the end, with us in it
  await client.connect();
  return client;
}

/** Backends of `database` (other than `self`) waiting on a lock: the app's transactions we blocked. */
export async function lockedBackends(side: pg.Client, database: string): Promise<number[]> {
  const { rows } = await side.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
    [database],
  );
  return rows.map((r) => r.pid);
}

/** Polls until `probe` returns a non-empty list (or throws after `timeoutMs`). */
export async function waitFor<T>(probe: () => Promise<T[]>, timeoutMs = 10_000): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`nothing showed up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
