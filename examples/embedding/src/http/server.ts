import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { declaredLength } from "./body.js";
import type { CommandsEndpoint } from "./CommandsEndpoint.js";
import type { ErasuresEndpoint } from "./ErasuresEndpoint.js";
import { problem, send } from "./respond.js";
import { type Route, route } from "./routes.js";
import type { SignedLogEndpoint } from "./SignedLogEndpoint.js";
import type { StatisticsEndpoint } from "./StatisticsEndpoint.js";

/** What the server dispatches to. */
export interface Endpoints {
  readonly commands: CommandsEndpoint;
  readonly erasures: ErasuresEndpoint;
  readonly statistics: StatisticsEndpoint;
  /** The signed log's endpoints; null when the service was started without the log's key. */
  readonly signedLog: SignedLogEndpoint | null;
  readonly bodyLimit: number;
  /** Told about a defect (a thrown error) before the 500 goes out. */
  readonly onDefect: (error: unknown) => void;
}

const NO_SIGNED_LOG = problem(404, "no signed log", { message: "this service was started without a log key (TENFOLD_LOG_KEY_FILE), so it publishes no checkpoints or proofs" });

const signedLog = (endpoint: SignedLogEndpoint | null, target: Route & { readonly _tag: "GetCheckpoint" | "GetInclusionProof" | "GetConsistencyProof" }, res: ServerResponse): Promise<void> | void => {
  if (endpoint === null) return send(res, NO_SIGNED_LOG);
  switch (target._tag) {
    case "GetCheckpoint":
      return endpoint.getCheckpoint(target.campaignId, res);
    case "GetInclusionProof":
      return endpoint.getInclusionProof(target.campaignId, target.revision, res);
    case "GetConsistencyProof":
      return endpoint.getConsistencyProof(target.campaignId, target.query, res);
  }
};

const dispatch = async (endpoints: Endpoints, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const target = route(req.method ?? "GET", req.url ?? "/");
  switch (target._tag) {
    case "PostCommand":
      return endpoints.commands.post(target.campaignId, req, res);
    case "PostErasure":
      return endpoints.erasures.post(target.campaignId, req, res);
    case "GetStatistics":
      return endpoints.statistics.get(target.campaignId, target.query, res);
    case "GetCheckpoint":
    case "GetInclusionProof":
    case "GetConsistencyProof":
      return signedLog(endpoints.signedLog, target, res);
    case "MethodNotAllowed":
      return send(res, problem(405, "method not allowed", { allow: target.allow }, { allow: target.allow }));
    case "NotFound":
      return send(res, problem(404, "not found"));
  }
};

/** The HTTP server, and how to shut it down gracefully. */
export interface HttpServer {
  readonly server: Server;
  /**
   * Stops accepting connections, closes idle ones, lets requests in flight finish (closing their
   * connections after their response), and after `graceMs` cuts whatever is left.
   */
  readonly shutdown: (graceMs: number) => Promise<void>;
}

/**
 * The HTTP server: routes to the endpoints, answers 500 on a defect, and refuses a body declared
 * too large (413) before the client sends it when it asks `Expect: 100-continue`.
 */
export const createHttpServer = (endpoints: Endpoints): HttpServer => {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    if (draining) res.shouldKeepAlive = false;
    dispatch(endpoints, req, res).catch((error: unknown) => {
      endpoints.onDefect(error);
      if (!res.headersSent) send(res, problem(500, "internal error"));
      else res.destroy();
    });
  };
  const server = createServer(handle);
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredLength(req);
    if (declared !== null && declared > endpoints.bodyLimit) {
      send(res, problem(413, "body too large", { limit: endpoints.bodyLimit }, { connection: "close" }));
      return;
    }
    res.writeContinue();
    handle(req, res);
  });
  const shutdown = async (graceMs: number): Promise<void> => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(force);
  };
  return { server, shutdown };
};
