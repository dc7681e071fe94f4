import type { EmulatorData } from "./data.js";
import { filterOf, type EventFilter } from "./filter.js";
import { streamNameOf, streamsPb, type StreamsPb } from "./proto.js";

/** A `$all` position as a read names it. */
export interface AllPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What a Read request asks for, decoded. */
export type ReadPlan = {
  readonly forwards: boolean;
  readonly subscription: boolean;
  /** Events at most (reads only). */
  readonly count: bigint;
  readonly structuredIds: boolean;
  /** Whether links (`$>` events) are resolved to their targets. */
  readonly resolveLinks: boolean;
  readonly filter: EventFilter | undefined;
} & (
  | { readonly kind: "stream"; readonly streamName: string; readonly from: "start" | "end" | bigint }
  | { readonly kind: "all"; readonly from: "start" | "end" | AllPosition }
);


const streamFrom = (stream: StreamsPb.ReadReq.Options.StreamOptions): "start" | "end" | bigint => {
  switch (stream.getRevisionOptionCase()) {
    case streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION:
      return BigInt(stream.getRevision());
    case streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase.END:
      return "end";
    case streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase.START:
    case streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION_OPTION_NOT_SET:
      return "start";
  }
};

const allFrom = (all: StreamsPb.ReadReq.Options.AllOptions): "start" | "end" | AllPosition => {
  const position = all.getPosition();
  if (position !== undefined) {
    return { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
  }
  return all.hasEnd() ? "end" : "start";
};

/** Decodes a Read request; throws (the server's invalid-argument) on a malformed one. */
export const readPlanOf = (request: StreamsPb.ReadReq): ReadPlan => {
  const options = request.getOptions();
  if (options === undefined) throw new Error("Read requires options");
  const common = {
    forwards: options.getReadDirection() !== streamsPb.ReadReq.Options.ReadDirection.BACKWARDS,
    subscription: options.hasSubscription(),
    count: options.hasCount() ? BigInt(options.getCount()) : 0n,
    structuredIds: options.getUuidOption()?.hasStructured() ?? false,
    resolveLinks: options.getResolveLinks(),
    filter: filterOf(options),
  };
  const stream = options.getStream();
  if (stream !== undefined) {
    return { ...common, kind: "stream", streamName: streamNameOf(stream.getStreamIdentifier()), from: streamFrom(stream) };
  }
  const all = options.getAll();
  if (all === undefined) throw new Error("Read requires a stream or $all");
  return { ...common, kind: "all", from: allFrom(all) };
};

/** Index of the first `$all` event at or after a position (events sit at commit = prepare). */
export const firstAtOrAfter = (data: EmulatorData, { commit, prepare }: AllPosition): number => {
  const index = data.indexFrom(commit);
  return data.all[index]?.position === commit && commit < prepare ? index + 1 : index;
};

/** Index of the first `$all` event strictly after a position. */
export const firstAfter = (data: EmulatorData, { commit, prepare }: AllPosition): number => {
  const index = data.indexFrom(commit);
  return data.all[index]?.position === commit && commit <= prepare ? index + 1 : index;
};
