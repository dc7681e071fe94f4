import type { ContenderName } from "../stores/contender.js";
import type { Task, TaskResult } from "./config.js";

/** Runs one task in this (fresh) process and returns what it measured. */
export const runTask = async ({ scenario, subject, config, postgresUrl, postgresUnavailable, signedLog, signedLogUnavailable, audit, auditUnavailable }: Task): Promise<TaskResult> => {
  const side = subject === "limit" ? "limit" : "tenfold";
  switch (scenario) {
    case "S1":
    case "S2":
    case "S3": {
      const stores = await import("../stores/run.js");
      const name = subject as ContenderName;
      const measure = { S1: stores.measureAppend, S2: stores.measureAggregate, S3: stores.measureRebuild }[scenario];
      const sample = await measure(name, config.workload);
      const values: Record<string, number> = { rate: sample.rate };
      if (sample.bytesPerEvent !== undefined) values["bytesPerEvent"] = sample.bytesPerEvent;
      if (sample.sealFloorUs !== undefined) values["sealFloorUs"] = sample.sealFloorUs;
      return { ok: true, values, check: JSON.stringify(sample.check) };
    }
    case "S4":
    case "S5":
    case "S6":
    case "S7": {
      const domain = await import("../domain/scenarios.js");
      const sample =
        scenario === "S4"
          ? domain.measureStatistics(side, config.statisticsEvents)
          : scenario === "S5"
            ? domain.measureDecode(side, config.decodeLines)
            : scenario === "S6"
              ? domain.measureVerify(side, config.verifyEvents)
              : await domain.measureCommands(config.commands);
      const split: Record<string, number> = sample.split === undefined ? {} : { "decider.us": sample.split.decider, "append.us": sample.split.append, "read.us": sample.split.read, "rest.us": sample.split.rest };
      return { ok: true, values: { rate: sample.rate, ...split }, check: sample.check };
    }
    case "S8": {
      const { measureEventStoreDb } = await import("../esdb/s8.js");
      return measureEventStoreDb(config.esdbEvents, config.esdbBatch);
    }
    case "S9": {
      const { measureAudit } = await import("../audit/s9.js");
      return measureAudit(audit, auditUnavailable);
    }
    case "S10": {
      const { measurePostgres } = await import("../postgres/s10.js");
      return measurePostgres(subject, postgresUrl, postgresUnavailable, config.postgres);
    }
    case "S11": {
      const { measureSignedLog } = await import("../signedlog/s11.js");
      return measureSignedLog(signedLog, signedLogUnavailable);
    }
    case "S12": {
      const { measurePersonalData } = await import("../personal/s12.js");
      return measurePersonalData(config.personalEvents, config.workload.batch);
    }
  }
};

/** The child's side of the protocol: run the task given as JSON, send the result, exit. */
export const childMain = async (json: string): Promise<void> => {
  const task = JSON.parse(json) as Task;
  let result: TaskResult;
  try {
    result = await runTask(task);
  } catch (e) {
    result = { ok: false, unavailable: false, reason: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  await new Promise<void>((resolve) => {
    if (process.send === undefined) {
      process.stdout.write(`${JSON.stringify(result)}\n`, () => resolve());
      return;
    }
    process.send(result, () => resolve());
  });
};
