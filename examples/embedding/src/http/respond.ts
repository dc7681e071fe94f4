import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/** A response to send: status, JSON body and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: OutgoingHttpHeaders;
}

/** JSON with bigints (revisions, positions) written as decimal strings. */
export const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Sends a reply as JSON. */
export const send = (res: ServerResponse, { status, body, headers = {} }: Reply): void => {
  const text = toJson(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...headers,
  });
  res.end(text);
};

/** A reply of `status` with `{ error, ...details }`. */
export const problem = (status: number, error: string, details: Record<string, unknown> = {}, headers: OutgoingHttpHeaders = {}): Reply => ({
  status,
  body: { error, ...details },
  headers,
});
