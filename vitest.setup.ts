import { fc } from "@fast-check/vitest";

// Every property runs with a fixed seed (printed with any failure, with its path), at least 200
// times; TENFOLD_FC_SEED and TENFOLD_FC_RUNS change them for deep local runs.
fc.configureGlobal({
  seed: Number(process.env["TENFOLD_FC_SEED"] ?? 20130301),
  numRuns: Number(process.env["TENFOLD_FC_RUNS"] ?? 200),
});
