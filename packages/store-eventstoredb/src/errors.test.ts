import * as eventStoreDb from "@eventstore/db-client";
import * as kurrentDb from "@kurrent/kurrentdb-client";
import { exactRevision, noStream, streamExists } from "@tenfold/core";
import { describe, expect, it } from "vitest";
import { toStoreError } from "./errors.js";
import { redactor } from "./options.js";

const redact = redactor(["hunter2"]);

/** gRPC status codes (from @grpc/grpc-js, which this package does not depend on directly). */
const status = { DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, UNAUTHENTICATED: 16, UNAVAILABLE: 14 } as const;

type ServiceErrorLike = Error & { code: number; details: string; metadata: { getMap: () => Record<string, string> } };

/** An error shaped as @grpc/grpc-js's ServiceError. */
const serviceError = (code: number, details: string, meta: Record<string, string> = {}): ServiceErrorLike =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: { getMap: () => meta } });

// The same errors, made by each client package's own classes: the store tells them apart by their `type`.
describe.each([
  ["@kurrent/kurrentdb-client", kurrentDb as unknown as typeof eventStoreDb],
  ["@eventstore/db-client", eventStoreDb],
])("toStoreError, with the errors of %s", (_name, client) => {
  const { AccessDeniedError, DeadlineExceededError, MaxAppendSizeExceededError, NotLeaderError, StreamDeletedError, UnavailableError, UnknownError, WrongExpectedVersionError } = client;
  it("turns WrongExpectedVersionError into WrongExpectedRevision with the port's expectation and the actual revision", () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: "ns:s", expected: 3n, current: 7n });
    expect(toStoreError(wrong, { streamId: "s", expected: exactRevision(3n), redact })).toEqual({
      _tag: "WrongExpectedRevision",
      streamId: "s",
      expected: exactRevision(3n),
      actual: 7n,
    });
    const none = new WrongExpectedVersionError(undefined, { streamName: "s", expected: "stream_exists", current: "no_stream" });
    expect(toStoreError(none, { streamId: "s", expected: streamExists, redact })).toMatchObject({ actual: null });
    const big = new WrongExpectedVersionError(undefined, { streamName: "s", expected: "no_stream", current: 2n ** 62n + 1n });
    expect(toStoreError(big, { streamId: "s", expected: noStream, redact })).toMatchObject({ actual: 4611686018427387905n });
  });

  it("turns UnavailableError, deadlines, raw UNAVAILABLE gRPC errors and NotLeader into StoreUnavailable", () => {
    expect(toStoreError(new UnavailableError(serviceError(status.UNAVAILABLE, "No connection established") as never), { redact })).toMatchObject({ _tag: "StoreUnavailable" });
    // As KurrentDB's Rust bridge raises it: its name as the message (and no message at all).
    expect(toStoreError(Object.assign(new UnavailableError(), { message: "UnavailableError" }), { redact })).toEqual({ _tag: "StoreUnavailable", reason: "no connection to the server (UnavailableError)" });
    expect(toStoreError(Object.assign(new UnavailableError(), { message: "" }), { redact })).toEqual({ _tag: "StoreUnavailable", reason: "no connection to the server (UnavailableError)" });
    expect(toStoreError(new DeadlineExceededError(), { redact })).toMatchObject({ _tag: "StoreUnavailable", reason: expect.stringMatching(/^deadline exceeded/) as unknown });
    expect(toStoreError(serviceError(status.UNAVAILABLE, "connect ECONNREFUSED"), { redact })).toMatchObject({ _tag: "StoreUnavailable" });
    expect(toStoreError(serviceError(status.DEADLINE_EXCEEDED, "Deadline exceeded"), { redact })).toMatchObject({ _tag: "StoreUnavailable" });
    const notLeader = new NotLeaderError(serviceError(status.NOT_FOUND, "Leader info available", { "leader-endpoint-host": "node2", "leader-endpoint-port": "2113" }) as never);
    expect(toStoreError(notLeader, { redact })).toMatchObject({ _tag: "StoreUnavailable", reason: expect.stringMatching(/leader/) as unknown });
    expect(toStoreError(new Error("Failed to discover after 10 attempts."), { redact })).toMatchObject({ _tag: "StoreUnavailable" });
  });

  it("turns anything else into StoreFailure, and never throws", () => {
    expect(toStoreError(new AccessDeniedError(), { redact })).toMatchObject({ _tag: "StoreFailure", reason: expect.stringMatching(/^access denied/) as unknown });
    expect(toStoreError(serviceError(status.UNAUTHENTICATED, "Bad credentials"), { redact })).toMatchObject({ _tag: "StoreFailure" });
    expect(toStoreError(StreamDeletedError.fromStreamName("ns:s"), { streamId: "s", redact })).toEqual({
      _tag: "StoreFailure",
      reason: 'stream "s" was deleted on the server (a tombstoned stream can never be written or read again)',
    });
    const sent = [{ id: "e", contentType: "application/json" as const, type: "Big", data: { text: "é".repeat(10) }, metadata: {} }];
    expect(toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), { streamId: "s", sent, redact })).toEqual({
      _tag: "AppendTooLarge",
      streamId: "s",
      size: 31 + 2 + 6, // {"text":"éé…"} is 31 bytes, {} 2, twice "Big" 6
      limit: 1_048_576,
    });
    expect(toStoreError(new UnknownError(undefined, "boom"), { redact })).toEqual({ _tag: "StoreFailure", reason: "boom" });
    expect(toStoreError("Impossible situation", { redact })).toEqual({ _tag: "StoreFailure", reason: "Impossible situation" });
    expect(toStoreError(undefined, { redact })).toEqual({ _tag: "StoreFailure", reason: "unknown error" });
  });

  it("blanks out secrets and URL credentials in every reason", () => {
    expect(toStoreError(new Error("login hunter2 refused for esdb://admin:pw@host"), { redact })).toEqual({
      _tag: "StoreFailure",
      reason: "login *** refused for esdb://***@host",
    });
    expect(toStoreError(new UnavailableError(serviceError(status.UNAVAILABLE, "x") as never), { redact: redactor(["14"]) })).toMatchObject({ reason: "*** x" });
  });
});
