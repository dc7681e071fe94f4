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

/** Seconds as `m:ss`, or `h:mm:ss` from an hour. */
export const formatDuration = (seconds: number): string => {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}` : `${m}:${String(s).padStart(2, "0")}`;
};

/**
 * One frame: `label [######··········]  42%  420,000 events  61,234 events/s  ETA 0:12` (the
 * fraction is of the input's bytes); without the bar and the ETA when the fraction is unknown,
 * without the speed and the ETA before any time has passed.
 */
export const renderProgress = (label: string, events: number, fraction: number | undefined, width = 24, elapsedSeconds = 0): string => {
  const count = `${events.toLocaleString("en-US")} event${events === 1 ? "" : "s"}`;
  const rate = elapsedSeconds > 0 ? `  ${Math.round(events / elapsedSeconds).toLocaleString("en-US")} events/s` : "";
  if (fraction === undefined) return `${label}  ${count}${rate}`;
  const f = Math.min(1, Math.max(0, fraction));
  const filled = Math.round(f * width);
  const eta = elapsedSeconds > 0 && f > 0 ? `  ETA ${formatDuration((elapsedSeconds * (1 - f)) / f)}` : "";
  return `${label} [${"#".repeat(filled)}${"·".repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${count}${rate}${eta}`;
};

// constructors

/**
 * A one-line progress bar on stderr (a carriage return redraws it): the share of the input read,
 * the events, their speed since the bar was made and the time left at that speed; shown only when
 * stderr is a terminal (never on a pipe) and more than a few thousand events were read.
 */
export const progressBar = (io: CliIo, label: string, { after = 5000, everyMs = 100, now = () => performance.now(), width = 24 }: ProgressOptions = {}): Progress => {
  if (io.stderrIsTerminal !== true) return noProgress;
  let drawn = false;
  let last = -Infinity;
  const started = now();
  return {
    update: (events, fraction) => {
      if (events < after) return;
      const t = now();
      if (t - last < everyMs) return;
      last = t;
      drawn = true;
      void io.stderr.write(`${CLEAR_LINE}${renderProgress(label, events, fraction, width, (t - started) / 1000)}`);
    },
    done: () => {
      if (drawn) void io.stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
};
