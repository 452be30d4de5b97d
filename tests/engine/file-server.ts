/**
 * A loopback HTTP server whose files a test changes between builds: the
 * "remote" side of a download, a package mirror or a private API. It counts
 * requests per path, so a test can tell whether a build fetched anything.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Responder = (request: IncomingMessage) => { status: number; body: string };

export class FileServer {
  private readonly files = new Map<string, string | Responder>();
  private readonly hits = new Map<string, number>();

  private readonly server: Server = createServer((request, response) => {
    const route = new URL(request.url ?? "/", "http://localhost").pathname;
    this.hits.set(route, (this.hits.get(route) ?? 0) + 1);
    const file = this.files.get(route);
    const { status, body } = typeof file === "function" ? file(request) : file === undefined ? { status: 404, body: "not found\n" } : { status: 200, body: file };
    response.writeHead(status, { "content-type": "application/octet-stream", "content-length": Buffer.byteLength(body) });
    response.end(request.method === "HEAD" ? undefined : body);
  });

  port = 0;

  static async start(): Promise<FileServer> {
    const self = new FileServer();
    await new Promise<void>((resolve) => self.server.listen(0, "127.0.0.1", resolve));
    self.port = (self.server.address() as AddressInfo).port;
    return self;
  }

  /** `http://<host>:<port>`; `host` is a name the build maps to 127.0.0.1 with `--add-host`, or 127.0.0.1 itself. */
  origin(host = "127.0.0.1"): string {
    return `http://${host}:${this.port}`;
  }

  set(route: string, content: string | Responder): void {
    this.files.set(route, content);
  }

  delete(route: string): void {
    this.files.delete(route);
  }

  /** How many requests reached `route` since the last reset. */
  count(route: string): number {
    return this.hits.get(route) ?? 0;
  }

  reset(): void {
    this.files.clear();
    this.hits.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => {
        resolve();
      });
    });
  }
}
