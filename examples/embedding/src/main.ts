// The entry point: reflect-metadata first, once, before tsyringe is loaded.
import "reflect-metadata";
import * as E from "fp-ts/lib/Either.js";
import { container } from "tsyringe";
import { startFromEnvironment } from "./environment.js";

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

const started = await startFromEnvironment(process.env, container.createChildContainer(), log);
if (E.isLeft(started)) {
  log(started.left);
  process.exitCode = 1;
} else {
  const service = started.right;
  process.stdout.write(`listening on ${service.url}\n`);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    void service.close().then(() => {
      log("stopped");
      process.exit(0);
    });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
