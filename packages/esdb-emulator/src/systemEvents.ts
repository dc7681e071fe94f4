import { pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import { freemem, loadavg, totalmem } from "node:os";
import type { EmulatorData, ProposedEvent } from "./data.js";

/*
 * The `$`-system events a fresh single node writes into its log, before any user event:
 * `$epoch-information` when it becomes leader (after its epoch record, a system record that is not
 * an event), then, as the user management service creates the default users, for `admin` and then
 * `ops`: the `$$$user-<name>` metadata, the `$user-<name>` `$UserCreated` event and a `$User` event
 * in `$users`. Every restart or election writes a new epoch and `$epoch-information`; the users
 * are created only once. Stats (`$statsCollected`) are written only when asked for, as on a server
 * since v20, where `WriteStatsToDb` is off by default.
 */

/** The endpoint a single node's stats stream is named after. */
export const NODE_ENDPOINT = "127.0.0.1:2113";

/** The stream a node writes its `$statsCollected` events to. */
export const STATS_STREAM = `$stats-${NODE_ENDPOINT}`;

// The notional size of an epoch record (a system log record holding the epoch's JSON).
const EPOCH_RECORD_BYTES = 256n;

// The default users' password, hashed as the server's Rfc2898 algorithm does (PBKDF2-SHA1, 16-byte salt, 1000 rounds, 20 bytes).
const DEFAULT_PASSWORD = "changeit";

const DEFAULT_USERS = [
  { loginName: "admin", fullName: "Event Store Administrator", group: "$admins" },
  { loginName: "ops", fullName: "Event Store Operations", group: "$ops" },
] as const;

// The server's Json helper writes camelCase, indented, with default values left out.
const jsonEvent = (type: string, value: unknown, indented = true): ProposedEvent => ({
  id: randomUUID(),
  type,
  isJson: true,
  data: Buffer.from(JSON.stringify(value, null, indented ? 2 : undefined), "utf8"),
  metadata: new Uint8Array(),
});

/** A .NET DateTime as Newtonsoft writes it: ISO 8601 in UTC, trailing fractional zeros left out. */
const dotnetDate = (date: Date): string => date.toISOString().replace(/\.?0+Z$/, "Z");

const writeEpoch = (data: EmulatorData, systemEvents: boolean, now: Date): void => {
  const previous = data.lastEpoch;
  const number = previous === undefined ? 0 : previous.number + 1;
  const position = data.writeRecord(EPOCH_RECORD_BYTES);
  data.addEpoch({ number, position });
  if (!systemEvents) return;
  const dto = {
    ...(position === 0n ? {} : { epochPosition: Number(position) }),
    ...(number === 0 ? {} : { epochNumber: number }),
    epochId: randomUUID(),
    prevEpochPosition: previous === undefined ? -1 : Number(previous.position),
    timeStamp: dotnetDate(now),
    leaderInstanceId: randomUUID(),
  };
  data.write("$epoch-information", [jsonEvent("$epoch-information", dto)]);
};

const writeDefaultUsers = (data: EmulatorData): void => {
  for (const { loginName, fullName, group } of DEFAULT_USERS) {
    if (data.lastRevision(`$user-${loginName}`) !== undefined) continue;
    const acl = { $acl: { $w: "$admins", $d: "$admins", $mw: "$admins" } };
    data.write(`$$$user-${loginName}`, [jsonEvent("$metadata", acl, false)]);
    const salt = randomBytes(16);
    const hash = pbkdf2Sync(DEFAULT_PASSWORD, salt, 1_000, 20, "sha1");
    const user = { loginName, fullName, salt: salt.toString("base64"), hash: hash.toString("base64"), groups: [group] };
    data.write(`$user-${loginName}`, [jsonEvent("$UserCreated", user)]);
    data.write("$users", [{ id: randomUUID(), type: "$User", isJson: false, data: Buffer.from(loginName, "utf8"), metadata: new Uint8Array() }]);
  }
};

/**
 * What a node writes as it starts over `data` and becomes leader: always an epoch record (no
 * event), and with `systemEvents`, `$epoch-information` and the default users that do not exist yet.
 */
export const writeStartup = (data: EmulatorData, systemEvents: boolean, now: Date = new Date()): void => {
  writeEpoch(data, systemEvents, now);
  if (systemEvents) writeDefaultUsers(data);
};

/** One `$statsCollected` event: a few of the server's process and system figures, for this process. */
export const statsEvent = (startedAt: Date): ProposedEvent => {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  return jsonEvent("$statsCollected", {
    "proc-startTime": dotnetDate(startedAt),
    "proc-id": process.pid,
    "proc-mem": memory.rss,
    "proc-cpu": (cpu.user + cpu.system) / 1_000_000,
    "proc-gc-allocationSpeed": 0,
    "sys-cpu": loadavg()[0] ?? 0,
    "sys-freeMem": freemem(),
    "sys-totalMem": totalmem(),
    "es-writer-lastFlushSize": 0,
  });
};

/** Writes a `$statsCollected` event every `everyMs` (the timer does not keep the process alive); returns the stop. */
export const startStats = (data: EmulatorData, everyMs: number): (() => void) => {
  const startedAt = new Date();
  const timer = setInterval(() => data.write(STATS_STREAM, [statsEvent(startedAt)]), everyMs);
  timer.unref();
  return () => clearInterval(timer);
};
