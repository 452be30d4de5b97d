/**
 * A forward proxy on loopback, as a corporate HTTPS_PROXY would be: it
 * tunnels `CONNECT host:port` and forwards absolute-form requests, and
 * records what went through it.
 */
import { request as httpRequest, createServer } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";

export interface TestProxy {
  url: string;
  /** `CONNECT 127.0.0.1:5000`, `GET http://127.0.0.1:5000/v2/…`, or `HEAD /v2/… (tunnelled)` seen inside a tunnel, in order. */
  seen: string[];
  stop: () => Promise<void>;
}

export async function startProxy(): Promise<TestProxy> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method ?? "GET"} ${request.url ?? ""}`);
    const target = new URL(request.url ?? "");
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on("connect", (request, socket, head) => {
    seen.push(`CONNECT ${request.url ?? ""}`);
    const [host = "", port = "443"] = (request.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
      // A tunnel to a plain-HTTP registry carries readable requests: record their request lines too.
      socket.on("data", (chunk: Buffer) => {
        for (const match of chunk.toString("latin1").matchAll(/^(GET|HEAD|POST) (\/\S*) HTTP\/1\.1\r$/gmu)) {
          seen.push(`${match[1] ?? ""} ${match[2] ?? ""} (tunnelled)`);
        }
      });
    });
    upstream.on("error", () => socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    socket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => { resolve(); });
      }),
  };
}
