import type { CliIo } from "./io.js";

// model

/** A long run's progress on stderr: told what was read, it redraws at most every so often; `done` clears it. */
export interface Progress {
  /** `events` read so far, and the fraction of the input done when known (0..1). */
  readonly update: (events: number, fraction?: number) => void;
  readonly done: () => void;
}

/** Options of {@link progressBar}. */
export interface ProgressOptions {
  /** Events read before the bar appears. @defaultValue 5000 */
  readonly after?: number;
  /** Least time between redraws, in milliseconds. @defaultValue 100 */
  readonly everyMs?: number;
  /** Milliseconds on a monotonic clock. @defaultValue performance.now */
  readonly now?: () => number;
  /** The bar's width in characters. @defaultValue 24 */
  readonly width?: number;
}

/** A progress that draws nothing. */
export const noProgress: Progress = { update: () => undefined, done: () => undefined };

// utils

const CLEAR_LINE = "\r\u001b[2K";

/** One frame: `label [######··········]  42%  420,000 events`, or without the bar when the fraction is unknown. */
export const renderProgress = (label: string, events: number, fraction: number | undefined, width = 24): string => {
  const count = `${events.toLocaleString("en-US")} events`;
  if (fraction === undefined) return `${label}  ${count}`;
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * width);
  return `${label} [${"#".repeat(filled)}${"·".repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${count}`;
};

// constructors

/**
 * A one-line progress bar on stderr (a carriage return redraws it), shown only when stderr is a
 * terminal and more than a few thousand events were read; otherwise nothing is written.
 */
export const progressBar = (io: CliIo, label: string, { after = 5000, everyMs = 100, now = () => performance.now(), width = 24 }: ProgressOptions = {}): Progress => {
  if (io.stderrIsTerminal !== true) return noProgress;
  let drawn = false;
  let last = -Infinity;
  return {
    update: (events, fraction) => {
      if (events < after) return;
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      drawn = true;
      void io.stderr.write(`${CLEAR_LINE}${renderProgress(label, events, fraction, width)}`);
    },
    done: () => {
      if (drawn) void io.stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
};
