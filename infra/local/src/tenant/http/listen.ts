/**
 * One port, two protocols: a net server peeks at the first byte of each connection; 0x16 (a TLS
 * handshake record) goes to an https.Server, anything else to an http.Server. Both run the same
 * request listener (from @hono/node-server).
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type Socket } from "node:net";

export type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface DualServer {
  port: number;
  close(): Promise<void>;
}

export async function listenDual(options: {
  port: number;
  host?: string;
  cert: string;
  key: string;
  listener: Listener;
}): Promise<DualServer> {
  const http = createHttpServer(options.listener);
  const https = createHttpsServer({ cert: options.cert, key: options.key }, options.listener);
  for (const s of [http, https]) {
    s.keepAliveTimeout = 5_000;
    s.headersTimeout = 60_000;
  }
  const sockets = new Set<Socket>();
  https.on("tlsClientError", () => {
    /* a client that does not trust the dev CA; nothing to do */
  });
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? https : http).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
  };
  const listen = (server: ReturnType<typeof createNetServer>, port: number, host: string) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  // localhost may resolve to 127.0.0.1 or ::1: listen on both loopbacks (same port), never on all interfaces.
  const primary = createNetServer(onConnection);
  await listen(primary, options.port, options.host ?? "127.0.0.1");
  const address = primary.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const servers = [primary];
  if (!options.host) {
    const v6 = createNetServer(onConnection);
    try {
      await listen(v6, port, "::1");
      servers.push(v6);
    } catch {
      // no IPv6 loopback on this machine
    }
  }
  return {
    port,
    async close() {
      const closed = Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
      for (const s of sockets) s.destroy();
      http.closeAllConnections();
      https.closeAllConnections();
      await closed;
      http.close();
      https.close();
    },
  };
}
