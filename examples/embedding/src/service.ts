import type { AddressInfo } from "node:net";
import { type Clock, type EventStore, type IdGenerator, campaignStatistics } from "@tenfold/core";
import { SUBSCRIPTION_RUNNER, registerTenfold } from "@tenfold/di";
import type { DependencyContainer } from "tsyringe";
import { CommandsEndpoint } from "./http/CommandsEndpoint.js";
import { createHttpServer } from "./http/server.js";
import { StatisticsEndpoint } from "./http/StatisticsEndpoint.js";
import { LIVE_STATISTICS, SERVICE_SETTINGS, WRITE_POSITIONS } from "./tokens.js";
import { createWritePositions } from "./writePositions.js";

// model

/** What the service runs on and how. */
export interface ServiceOptions {
  /** The container to compose the service in: give it a fresh child container. */
  readonly container: DependencyContainer;
  readonly store: EventStore;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
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
  /** Stops accepting, lets requests in flight finish, stops the read model, closes the store. Idempotent. */
  readonly close: () => Promise<void>;
}

// constructors

/**
 * Composes the service in `options.container` (`registerTenfold`, then the service's own
 * tokens), starts the live statistics read model and listens. Requests are served at once;
 * current statistics wait for the read model to catch up.
 */
export const startService = async (options: ServiceOptions): Promise<RunningService> => {
  const { container, store, clock, ids, port = 0, host = "127.0.0.1", bodyLimit = 65_536, readTimeoutMs = 5_000 } = options;
  registerTenfold(container, { store, clock, ids });
  container.register(SERVICE_SETTINGS, { useValue: { bodyLimit, readTimeoutMs } });
  container.register(WRITE_POSITIONS, { useValue: createWritePositions() });
  const live = container.resolve(SUBSCRIPTION_RUNNER).run(campaignStatistics);
  container.register(LIVE_STATISTICS, { useValue: live });

  const { server, shutdown } = createHttpServer({
    commands: container.resolve(CommandsEndpoint),
    statistics: container.resolve(StatisticsEndpoint),
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
    await live.stop();
    throw error;
  }
  const bound = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    await shutdown(options.shutdownGraceMs ?? 10_000);
    await live.stop();
    await options.closeStore?.();
  };
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    port: bound,
    container,
    close: () => (closing ??= close()),
  };
};
