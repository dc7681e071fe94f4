import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SignerKey, VerifierKey } from "@tenfold/core/audit";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { readPolicy } from "./checkpointCheck.js";
import { type CliError, usageError } from "./CliError.js";
import { defineCommand, required } from "./command.js";
import { WITNESS_HELP } from "./helpSignedLog.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { describeRefusal, readWitnessKey, witnessAdd } from "./witnessCommands.js";

// model

/** A running witness: where it listens, and how to stop it. */
export interface RunningWitness {
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** The most bytes an add-checkpoint body may have: 63 hashes and a checkpoint with 100 signatures fit well within. */
const MAX_BODY = 64 * 1024;

// utils

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so that the client gets its 413.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

const reply = (res: ServerResponse, status: number, body: string, type = "text/plain; charset=utf-8"): void => {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
};

// constructors

/**
 * Serves tlog-witness's `POST /add-checkpoint`: 200 with the cosignature line; 404 unknown origin,
 * 403 no valid log signature, 400 malformed or an old size larger than the new, 409 an old size
 * not held (the size held as `text/x.tlog.size`) or a fork at the size held, 422 a bad proof,
 * 413 a body over 64 KiB, 405 another method, 500 state that could not be kept.
 */
export const startWitnessServer = (witness: SignerKey, log: VerifierKey, stateDir: string, options: { readonly port: number; readonly host: string; readonly now?: () => Date }): Promise<RunningWitness> => {
  const now = options.now ?? (() => new Date());
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url !== "/add-checkpoint") return reply(res, 404, "not found: the witness serves POST /add-checkpoint\n");
      if (req.method !== "POST") return reply(res, 405, "POST /add-checkpoint only\n");
      const body = await readBody(req);
      if (body === undefined) return reply(res, 413, `the body is larger than ${MAX_BODY} bytes\n`);
      const answer = await witnessAdd(witness, log, stateDir, body, now());
      if (E.isRight(answer)) return reply(res, 200, `${answer.right}\n`);
      const refusal = answer.left;
      if (refusal._tag === "StateNotKept") return reply(res, 500, "the witness could not keep its state\n");
      if (refusal._tag === "OldSizeNotHeld") return reply(res, 409, `${refusal.held}\n`, "text/x.tlog.size");
      return reply(res, refusal.status, `${describeRefusal(refusal)}\n`);
    })().catch(() => reply(res, 500, "internal error\n"));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      resolve({ url: `http://${host}:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
};

/** `tenfold witness --key FILE --log-vkey KEY --state DIR --listen PORT [--host HOST]`: serves until interrupted. */
export const witnessCommand = defineCommand(
  "witness",
  WITNESS_HELP,
  { key: { type: "string" }, "log-vkey": { type: "string" }, state: { type: "string" }, listen: { type: "string" }, host: { type: "string" } },
  (flags, io: CliIo) =>
    pipe(
      E.Do,
      E.apS("key", required("witness", "key", flags.key, "FILE")),
      E.apS("logKey", required("witness", "log-vkey", flags["log-vkey"], "KEY")),
      E.apS("state", required("witness", "state", flags.state, "DIR")),
      E.apS("listen", required("witness", "listen", flags.listen, "PORT")),
      E.flatMap((given) => {
        const port = Number(given.listen);
        return Number.isSafeInteger(port) && port >= 0 && port <= 65_535 ? E.right({ ...given, port }) : E.left(usageError("witness", `--listen: expected a port from 0 to 65535, got ${given.listen}`));
      }),
      TE.fromEither,
      TE.flatMap(({ key, logKey, state, port }) =>
        pipe(
          TE.Do,
          TE.apS("witness", readWitnessKey("witness", key)),
          TE.apS("policy", readPolicy("witness", logKey, [], undefined)),
          TE.flatMap(({ witness, policy }): TE.TaskEither<CliError, ExitCode> => async () => {
            let running: RunningWitness;
            try {
              running = await startWitnessServer(witness, policy.log, state, { port, host: flags.host ?? "127.0.0.1" });
            } catch (error) {
              return E.left(usageError("witness", `--listen ${port}: ${error instanceof Error ? error.message : String(error)}`));
            }
            await io.stdout.write(`witness ${witness.name} for ${policy.log.name}: POST ${running.url}/add-checkpoint (state in ${state})\n`);
            await new Promise<void>((resolve) => {
              process.once("SIGINT", resolve);
              process.once("SIGTERM", resolve);
            });
            await running.close();
            return E.right(EXIT.ok);
          }),
        ),
      ),
    ),
);
