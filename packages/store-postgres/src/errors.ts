import { type StoreError } from "@tenfold/core";
import { storeFailure, storeUnavailable } from "@tenfold/core/adapter";

/*
 * Driver errors as the port's StoreError values. What may succeed when tried again (the server
 * unreachable, shutting down or restarting, a lost connection, a statement timeout, a
 * serialization failure or deadlock) is StoreUnavailable; the rest is StoreFailure. A reason names
 * the SQLSTATE and the server's message, never a connection string or password: messages pass
 * through `redact`, which removes every secret the store was given.
 */

/** SQLSTATE classes and codes that a retry may get past. */
const TRANSIENT_CLASSES = ["08", "53", "57P"];
const TRANSIENT_CODES = new Set(["40001", "40P01", "55P03", "57014", "57P01", "57P02", "57P03", "58000", "58030"]);
/** Node's socket errors and pg's own messages for a connection that is gone. */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
const LOST = /connection terminated|connection (is )?closed|not queryable|timeout exceeded when trying to connect|terminating connection|server closed the connection|the database system is (starting up|shutting down|in recovery mode)/i;

/** What a driver error says of itself. */
interface DriverError {
  readonly code: string | undefined;
  readonly message: string;
}

const driverError = (error: unknown): DriverError => {
  if (typeof error === "object" && error !== null) {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const message = "message" in error && typeof error.message === "string" ? error.message : "unknown error";
    // AggregateError (several addresses refused) carries the codes on its members.
    if (code === undefined && "errors" in error && Array.isArray(error.errors) && error.errors.length > 0) return driverError(error.errors[0]);
    return { code, message };
  }
  return { code: undefined, message: String(error) };
};

/** @internal The SQLSTATE (or Node error code) of a driver error, if any. */
export const errorCode = (error: unknown): string | undefined => driverError(error).code;

/** @internal Whether the error is a unique violation of the event id. */
export const isEventIdConflict = (error: unknown): boolean => {
  if (errorCode(error) !== "23505") return false;
  const constraint = typeof error === "object" && error !== null && "constraint" in error ? error.constraint : undefined;
  return typeof constraint === "string" && constraint.endsWith("event_id_key");
};

/** @internal Whether a retry may get past the error. */
export const isTransient = (error: unknown): boolean => {
  const { code, message } = driverError(error);
  if (code !== undefined && (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code) || TRANSIENT_CLASSES.some((c) => code.startsWith(c)))) return true;
  return code === undefined && LOST.test(message);
};

/** @internal The StoreError for a driver error, `doing` saying what the store was doing. */
export const toStoreError = (error: unknown, doing: string, redact: (text: string) => string): StoreError => {
  const { code, message } = driverError(error);
  const reason = redact(`${doing}: ${message}${code === undefined ? "" : ` (${code})`}`);
  if (code === "57014") return storeUnavailable(redact(`${doing}: the statement timed out or was cancelled (57014)`));
  return isTransient(error) ? storeUnavailable(reason) : storeFailure(reason);
};
