import type { StoredEvent } from "./data.js";
import type { StreamsPb } from "./proto.js";

/** A server-side `$all` filter with its checkpoint interval (in events considered). */
export interface EventFilter {
  readonly matches: (event: StoredEvent) => boolean;
  readonly checkpointInterval: number;
}

// The server's default search window when the client asks for `count` rather than a `max`.
const DEFAULT_WINDOW = 32;

type Expression = StreamsPb.ReadReq.Options.FilterOptions.Expression;

const predicate = (expression: Expression): ((value: string) => boolean) => {
  const regex = expression.getRegex();
  if (regex !== "") {
    // .NET and JavaScript regular expressions agree on the common subset clients use.
    const compiled = new RegExp(regex);
    return (value) => compiled.test(value);
  }
  const prefixes = expression.getPrefixList();
  return (value) => prefixes.some((prefix) => value.startsWith(prefix));
};

/** The filter a read asks for; undefined for no filter; throws on an invalid regex. */
export const filterOf = (options: StreamsPb.ReadReq.Options): EventFilter | undefined => {
  const filter = options.getFilter();
  if (filter === undefined) return undefined;
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_WINDOW;
  const checkpointInterval = Math.max(1, filter.getCheckpointintervalmultiplier()) * Math.max(1, window);
  const onStream = filter.getStreamIdentifier();
  if (onStream !== undefined) {
    const test = predicate(onStream);
    return { checkpointInterval, matches: (event) => test(event.streamName) };
  }
  const onType = filter.getEventType();
  const test = onType === undefined ? () => true : predicate(onType);
  return { checkpointInterval, matches: (event) => test(event.type) };
};
