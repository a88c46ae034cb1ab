/** Graph's error body: { error: { code, message, innerError: { date, request-id, client-request-id } } }. */
import { GraphError } from "../context.js";

export { GraphError };

/** Graph's innerError date: UTC without zone designator or fraction, e.g. 2025-02-13T10:17:05. */
export const graphDate = (d: Date) => d.toISOString().slice(0, 19);

export function graphErrorBody(
  status: number,
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string; date: Date },
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  const innerError: Record<string, string> = {
    date: graphDate(ids.date),
    "request-id": ids.requestId,
    "client-request-id": ids.clientRequestId,
  };
  if (status === 429) {
    innerError.code = "429";
    innerError.status = "429";
    innerError.message = "Please retry after";
  }
  return { error: { code, message, innerError } };
}

export const notFound = (what: string) =>
  new GraphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${what}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const badRequest = (message: string) => new GraphError(400, "BadRequest", message);
