/**
 * HTTP for registry look-ups: undici's fetch with its EnvHttpProxyAgent, so
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (and their lower-case forms)
 * are honoured as curl and Docker honour them (Node's built-in fetch ignores
 * them), a time limit on each request, and retries of what may pass: network
 * errors, 429 and 5xx, with a short back-off that respects `Retry-After`.
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import type { Dispatcher, RequestInit as UndiciRequestInit, Response as UndiciResponse } from "undici";

export interface TransportOptions {
  /** Milliseconds for one request, headers and body. */
  timeout: number;
  /** Further attempts after a failure that may pass. */
  retries: number;
  /** Environment that holds the proxy variables. */
  env: NodeJS.ProcessEnv;
}

export type HttpResponse = UndiciResponse;

export interface Transport {
  request: (url: string, init: { method: "GET" | "HEAD" | "POST"; headers: Record<string, string>; body?: string }) => Promise<HttpResponse>;
  close: () => Promise<void>;
}

/** A failure with no HTTP answer: refused, unresolvable, timed out, TLS. One line, for the user. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NetworkError";
  }
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] ?? env[name.toLowerCase()];
}

function proxyAgent(env: NodeJS.ProcessEnv): Dispatcher {
  // Read from the given environment, not process.env, so that tests and embedders decide.
  const httpsProxy = envValue(env, "HTTPS_PROXY");
  const httpProxy = envValue(env, "HTTP_PROXY");
  const noProxy = envValue(env, "NO_PROXY");
  return new EnvHttpProxyAgent({
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy !== undefined ? { noProxy } : {}),
  });
}

/** `ECONNREFUSED` and friends, from undici's `fetch failed` and its cause chain. */
export function describeNetworkFailure(error: unknown, timeout: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${Math.round(timeout / 100) / 10} s`;
  }
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    switch (code) {
      case "ECONNREFUSED":
        return "connection refused";
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return "host name not found";
      case "ECONNRESET":
        return "connection reset";
      case "ETIMEDOUT":
      case "UND_ERR_CONNECT_TIMEOUT":
        return "connection timed out";
      case "UND_ERR_HEADERS_TIMEOUT":
      case "UND_ERR_BODY_TIMEOUT":
        return `no answer within ${Math.round(timeout / 100) / 10} s`;
      default:
        if (cause.cause === undefined) {
          if (typeof code === "string" && code.startsWith("ERR_SSL")) return `TLS error: ${cause.message}`;
          if (/certificate|ssl|tls/iu.test(cause.message)) return `TLS error: ${cause.message}`;
          if (/proxy/iu.test(cause.message)) return `proxy: ${cause.message}`;
          return cause.message;
        }
    }
    cause = cause.cause;
  }
  return String(error);
}

function retryDelay(response: HttpResponse | null, attempt: number): number {
  const header = response?.headers.get("retry-after");
  if (header && /^\d+$/u.test(header)) return Math.min(Number(header) * 1000, 5000);
  return Math.min(200 * 2 ** attempt, 2000);
}

export function createTransport(options: TransportOptions): Transport {
  const dispatcher = proxyAgent(options.env);
  return {
    request: async (url, init) => {
      let lastError: unknown;
      for (let attempt = 0; attempt <= options.retries; attempt++) {
        let response: HttpResponse | null = null;
        try {
          const requestInit: UndiciRequestInit = {
            method: init.method,
            headers: init.headers,
            dispatcher,
            redirect: "follow",
            signal: AbortSignal.timeout(options.timeout),
            ...(init.body !== undefined ? { body: init.body } : {}),
          };
          response = await undiciFetch(url, requestInit);
          if (response.status !== 429 && response.status < 500) return response;
          if (attempt === options.retries) return response;
          await response.body?.cancel();
        } catch (error) {
          lastError = error;
          if (attempt === options.retries) break;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelay(response, attempt)));
      }
      throw new NetworkError(describeNetworkFailure(lastError, options.timeout));
    },
    close: () => dispatcher.close(),
  };
}
