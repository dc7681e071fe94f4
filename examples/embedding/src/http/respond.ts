import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/** A response to send: status, JSON body (or, with `text`, that text as text/plain) and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly text?: string;
  readonly headers?: OutgoingHttpHeaders;
}

/** JSON with bigints (revisions, positions) written as decimal strings. */
export const toJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** Sends a reply: its text as UTF-8 text/plain, else its body as JSON. */
export const send = (res: ServerResponse, { status, body, text: plain, headers = {} }: Reply): void => {
  const text = plain ?? toJson(body);
  res.writeHead(status, {
    "content-type": plain === undefined ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
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

/** A 200 reply of plain text (a signed note, a proof). */
export const textReply = (text: string): Reply => ({ status: 200, body: null, text });

/** The reply to a body that is not JSON. Not the parser's message: it quotes the body, which may hold personal values. */
export const NOT_JSON: Reply = problem(400, "invalid JSON", { message: "the body is not JSON" });
