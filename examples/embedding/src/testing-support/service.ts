/* Test support (not built): the service on a loopback port, and requests to it. */
import { request } from "node:http";
import { type EventStore, sequentialIds, steppingClock } from "@tenfold/core";
import { nodePersonalCipher } from "@tenfold/core/node";
import { createMemoryKeyStore } from "@tenfold/core/personal";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { openEventStore } from "../eventStore.js";
import { type RunningService, type ServiceOptions, startService } from "../service.js";

/**
 * The service on 127.0.0.1, any free port, in a fresh child container, with a deterministic clock
 * and ids; by default the in-memory store, its personal values encrypted under an in-memory key store.
 */
export const startTestService = async (options: Partial<ServiceOptions> & { readonly store?: EventStore } = {}): Promise<RunningService> => {
  const keys = options.keys ?? createMemoryKeyStore(nodePersonalCipher);
  const opened = options.store === undefined ? await openEventStore({}, keys) : E.right({ store: options.store });
  if (E.isLeft(opened)) throw new Error(opened.left);
  return startService({
    container: container.createChildContainer(),
    clock: steppingClock(new Date("2013-03-01T08:00:00Z")),
    ids: sequentialIds(),
    port: 0,
    onDefect: () => undefined,
    ...options,
    store: opened.right.store,
    keys,
  });
};

/** A response read whole: status, headers and the parsed JSON body. */
export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

const read = async (response: Response): Promise<JsonResponse> => ({
  status: response.status,
  headers: response.headers,
  body: (await response.json()) as Record<string, unknown>,
});

/** POSTs a command (an object, sent as JSON, or raw text) to a campaign. */
export const postCommand = async (service: RunningService, campaignId: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> =>
  read(
    await fetch(`${service.url}/campaigns/${campaignId}/commands`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

/** POSTs an erasure request (an object, sent as JSON, or raw text) to a campaign. */
export const postErasure = async (service: RunningService, campaignId: string, body: unknown): Promise<JsonResponse> =>
  read(
    await fetch(`${service.url}/campaigns/${campaignId}/erasures`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

/** GETs a path. */
export const getJson = async (service: RunningService, path: string, init: RequestInit = {}): Promise<JsonResponse> =>
  read(await fetch(`${service.url}${path}`, init));

/**
 * Sends a request with node:http, writing the body in the given chunks (chunked transfer encoding
 * unless a content-length header is given), and reads the response.
 */
export const rawRequest = (
  service: RunningService,
  options: { readonly method: string; readonly path: string; readonly headers?: Record<string, string | number>; readonly chunks?: ReadonlyArray<Buffer | string> },
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`${service.url}${options.path}`, { method: options.method, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
