import { Metadata, status, type StatusObject } from "@grpc/grpc-js";
import type { ProposedEvent } from "./data.js";
import { canonicalUuid, readUuid } from "./uuid.js";
import type { SharedPb } from "./proto.js";

/** A gRPC status a handler ends a call with. */
export type CallError = Pick<StatusObject, "code" | "details" | "metadata">;

const withMetadata = (entries: Readonly<Record<string, string>>): Metadata => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(entries)) metadata.set(key, value);
  return metadata;
};

/** The server's wording for a proposed message without a required metadata property. */
export const missingMetadataDetail = (property: string): string => `Required Metadata Property '${property}' is missing`;

/** The server's RequiredMetadataPropertyMissing error (the client raises RequiredMetadataPropertyMissingError). */
export const missingMetadata = (property: string): CallError => ({
  code: status.INVALID_ARGUMENT,
  details: missingMetadataDetail(property),
  metadata: withMetadata({ exception: "missing-required-metadata-property", "required-metadata-properties": "type,content-type" }),
});

/** The server's StreamDeleted error (FAILED_PRECONDITION; the clients raise StreamDeletedError with `streamName`). */
export const streamDeleted = (streamName: string): CallError => ({
  code: status.FAILED_PRECONDITION,
  details: `Event stream '${streamName}' is deleted.`,
  metadata: withMetadata({ exception: "stream-deleted", "stream-name": streamName }),
});

/**
 * The server's WrongExpectedVersion RpcException (Delete and Tombstone report it this way, both
 * as operation "Delete"): FAILED_PRECONDITION with the expected and actual versions as the
 * server's longs (-1 no stream, -2 any, -4 stream exists).
 */
export const wrongExpectedVersionError = (operation: string, streamName: string, expected: bigint, actual: bigint): CallError => ({
  code: status.FAILED_PRECONDITION,
  details: `${operation} failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expected}, Actual version: ${actual}`,
  metadata: withMetadata({
    exception: "wrong-expected-version",
    "stream-name": streamName,
    "expected-version": expected.toString(10),
    "actual-version": actual.toString(10),
  }),
});

/** The server's MaxAppendSizeExceeded error on Append (the clients raise MaxAppendSizeExceededError). */
export const maxAppendSizeExceeded = (maxAppendSize: number): CallError => ({
  code: status.INVALID_ARGUMENT,
  details: `Maximum Append Size of ${maxAppendSize} Exceeded.`,
  metadata: withMetadata({ exception: "maximum-append-size-exceeded", "maximum-append-size": String(maxAppendSize) }),
});

/**
 * An event's size as the newest servers count it against the maximum append size (`Event.SizeOnDisk`):
 * data bytes + metadata bytes + 2 × the event type's length in UTF-16 code units. Servers before
 * the fix of that formula counted the data bytes only.
 */
export const sizeOnDisk = (type: string, data: Uint8Array, metadata: Uint8Array): number => data.length + metadata.length + type.length * 2;

/** What ASP.NET Core gRPC answers when a handler throws (e.g. an event id that is not a UUID). */
export const handlerThrew = (): CallError => ({
  code: status.UNKNOWN,
  details: "Exception was thrown by handler.",
  metadata: new Metadata(),
});

/** The fault `dropNextAppendReply` injects: the append happened, its reply is lost. */
export const replyLost = (): CallError => ({
  code: status.UNAVAILABLE,
  details: "esdb-emulator: the append was performed but its reply was dropped",
  metadata: new Metadata(),
});

/** What a server without this method answers. */
export const unimplemented = (method: string): CallError => ({
  code: status.UNIMPLEMENTED,
  details: `Method ${method} is unimplemented by the esdb-emulator`,
  metadata: new Metadata(),
});

/** The server's InvalidArgument error for a malformed request. */
export const invalidArgument = (details: string): CallError => ({
  code: status.INVALID_ARGUMENT,
  details,
  metadata: new Metadata(),
});

/** Why a proposed message could not become an event. */
export type ProposalError = { readonly kind: "missing-metadata"; readonly property: string } | { readonly kind: "bad-id" };

/** The parts of Append's and BatchAppend's ProposedMessage the emulator reads. */
export interface ProposedMessageLike {
  getId(): SharedPb.UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** Turns a proposed message into an event, as the server does (type and content-type required). */
export const toProposedEvent = (message: ProposedMessageLike): ProposedEvent | ProposalError => {
  const metadata = message.getMetadataMap();
  const type = metadata.get("type");
  if (type === undefined) return { kind: "missing-metadata", property: "type" };
  const contentType = metadata.get("content-type");
  if (contentType === undefined) return { kind: "missing-metadata", property: "content-type" };
  const id = readUuid(message.getId());
  if (id === undefined || canonicalUuid(id) === undefined) return { kind: "bad-id" };
  return {
    id,
    type,
    isJson: contentType === "application/json",
    data: Uint8Array.from(message.getData_asU8()),
    metadata: Uint8Array.from(message.getCustomMetadata_asU8()),
  };
};

/** Tells a proposal error from an event. */
export const isProposalError = (value: ProposedEvent | ProposalError): value is ProposalError => "kind" in value;

/** The call error a proposal error ends a classic Append with. */
export const proposalCallError = (error: ProposalError): CallError =>
  error.kind === "missing-metadata" ? missingMetadata(error.property) : handlerThrew();
