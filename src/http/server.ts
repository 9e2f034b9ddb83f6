import { createServer, type Server } from 'node:http';
import type Koa from 'koa';

/**
 * What a connection may cost before the app sees it. Node's defaults let a request take 300 s
 * and never refuse a connection, so half-sent request lines alone could hold every socket the
 * process may open.
 */
export interface ServerLimits {
  /** The request line and headers must be in within this (408, closed). */
  headersTimeoutMs: number;
  /** The whole request, body included, must be in within this (408, closed). */
  requestTimeoutMs: number;
  /** How often Node looks for requests past those two (its default, 30 s, would let a 10 s one live 40). */
  checkIntervalMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; beyond, a new one is closed at once (HTTP_MAX_CONNECTIONS). */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
};

/** The app's HTTP server with `limits`, not yet listening. */
export function createHttpServer(app: Koa, limits: Partial<ServerLimits> = {}): Server {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  const handle = app.callback();
  const server = createServer(
    {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
    },
    (req, res) => void handle(req, res),
  );
  server.maxConnections = l.maxConnections;
  return server;
}

/** Listens on `host:port`; resolves once listening. */
export function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
