import type { AddressInfo } from "node:net";
import { type Clock, type EventStore, type IdGenerator, campaignStatistics } from "@tenfold/core";
import { logTreeProjection, type SignerKey } from "@tenfold/core/audit";
import { nodeSha256Digest } from "@tenfold/core/node";
import type { SubjectKeyStore } from "@tenfold/core/personal";
import { SUBSCRIPTION_RUNNER, registerTenfold } from "@tenfold/di";
import type { DependencyContainer } from "tsyringe";
import { CommandsEndpoint } from "./http/CommandsEndpoint.js";
import { ErasuresEndpoint } from "./http/ErasuresEndpoint.js";
import { createHttpServer } from "./http/server.js";
import { SignedLogEndpoint } from "./http/SignedLogEndpoint.js";
import { StatisticsEndpoint } from "./http/StatisticsEndpoint.js";
import { LIVE_STATISTICS, LOG_TREES, SERVICE_SETTINGS, WRITE_POSITIONS } from "./tokens.js";
import { createWritePositions } from "./writePositions.js";

// model

/** What the service runs on and how. */
export interface ServiceOptions {
  /** The container to compose the service in: give it a fresh child container. */
  readonly container: DependencyContainer;
  readonly store: EventStore;
  /** The key store of personal data `store` was opened with: registered as `@tenfold/di`'s SUBJECT_KEY_STORE. */
  readonly keys?: SubjectKeyStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** The log's signer key: with it, the service publishes its signed log (checkpoints, proofs); without, those routes answer 404. */
  readonly logKey?: SignerKey;
  /** Called last on close, e.g. to close the store's connection. */
  readonly closeStore?: () => Promise<void>;
  /** 0: any free port. @defaultValue 0 */
  readonly port?: number;
  /** @defaultValue "127.0.0.1" */
  readonly host?: string;
  /** @defaultValue 65536 */
  readonly bodyLimit?: number;
  /** @defaultValue 5000 */
  readonly readTimeoutMs?: number;
  /** How long close waits for requests in flight before cutting their connections. @defaultValue 10000 */
  readonly shutdownGraceMs?: number;
  /** Where defects are reported. @defaultValue console.error */
  readonly onDefect?: (error: unknown) => void;
}

/** A service that is listening. */
export interface RunningService {
  /** `http://host:port`, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  readonly container: DependencyContainer;
  /** Stops accepting, lets requests in flight finish, stops the read models, closes the store. Idempotent. */
  readonly close: () => Promise<void>;
}

// constructors

/**
 * Composes the service in `options.container` (`registerTenfold`, then the service's own
 * tokens), starts the live statistics read model (and, given the log's key, the log trees) and
 * listens. Requests are served at once; current statistics and the signed log wait for their read
 * model to catch up.
 */
export const startService = async (options: ServiceOptions): Promise<RunningService> => {
  const { container, store, keys, clock, ids, logKey, port = 0, host = "127.0.0.1", bodyLimit = 65_536, readTimeoutMs = 5_000 } = options;
  registerTenfold(container, { store, clock, ids, logKey, keys });
  container.register(SERVICE_SETTINGS, { useValue: { bodyLimit, readTimeoutMs } });
  container.register(WRITE_POSITIONS, { useValue: createWritePositions() });
  const live = container.resolve(SUBSCRIPTION_RUNNER).run(campaignStatistics);
  container.register(LIVE_STATISTICS, { useValue: live });
  const trees = logKey === undefined ? null : container.resolve(SUBSCRIPTION_RUNNER).run(logTreeProjection(nodeSha256Digest));
  if (trees !== null) container.register(LOG_TREES, { useValue: trees });
  const stopReadModels = async (): Promise<void> => {
    await Promise.all([live.stop(), trees?.stop()]);
  };

  const { server, shutdown } = createHttpServer({
    commands: container.resolve(CommandsEndpoint),
    erasures: container.resolve(ErasuresEndpoint),
    statistics: container.resolve(StatisticsEndpoint),
    signedLog: trees === null ? null : container.resolve(SignedLogEndpoint),
    bodyLimit,
    onDefect: options.onDefect ?? ((error) => console.error(error)),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await stopReadModels();
    throw error;
  }
  const bound = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    await shutdown(options.shutdownGraceMs ?? 10_000);
    await stopReadModels();
    await options.closeStore?.();
  };
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    port: bound,
    container,
    close: () => (closing ??= close()),
  };
};
