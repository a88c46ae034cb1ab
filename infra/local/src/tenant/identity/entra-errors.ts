/** Errors of the identity endpoints, in Entra's shape (not Graph's). */
import { randomUUID } from "node:crypto";

export class EntraError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = "EntraError";
  }

  body(now: Date, correlationId: string = randomUUID()): Record<string, unknown> {
    const traceId = randomUUID();
    const timestamp = `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
    return {
      error: this.error,
      error_description: `AADSTS${this.aadsts}: ${this.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}

export const entra = {
  tenantNotFound: (tenant: string) =>
    new EntraError(
      400,
      "invalid_tenant",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  missing: (param: string) =>
    new EntraError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${param}'.`,
    ),
  unsupportedGrant: (grant: string) =>
    new EntraError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    new EntraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    ),
  badSecret: (clientId: string) =>
    new EntraError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  secretRequired: () =>
    new EntraError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  defaultScopeRequired: (scope: string) =>
    new EntraError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new EntraError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}.`,
    ),
  multipleResources: () =>
    new EntraError(
      400,
      "invalid_request",
      28000,
      "Provide value for the input parameter scope which can request access token for only one resource.",
    ),
  badCredentials: () =>
    new EntraError(400, "invalid_grant", 50126, "Error validating credentials due to invalid username or password."),
  disabledAccount: () => new EntraError(400, "invalid_grant", 50057, "The user account is disabled."),
  badAssertion: (why: string) =>
    new EntraError(400, "invalid_grant", 50013, `Assertion failed signature validation. [Reason - ${why}]`),
  assertionAudience: () =>
    new EntraError(
      400,
      "invalid_grant",
      50013,
      "Assertion audience does not match the Client app presenting the assertion.",
    ),
  badCode: () =>
    new EntraError(
      400,
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  redirectMismatch: () =>
    new EntraError(
      400,
      "invalid_grant",
      50148,
      "The redirect_uri does not match the redirect URI used in the authorization request.",
    ),
  pkceMismatch: () =>
    new EntraError(
      400,
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    ),
  pkceMissing: () =>
    new EntraError(
      400,
      "invalid_request",
      50148,
      "The code_verifier parameter is required because the authorization request contained a code_challenge.",
    ),
  badRefreshToken: () =>
    new EntraError(
      400,
      "invalid_grant",
      9002313,
      "Invalid request. Request is malformed or invalid: the refresh token is not valid.",
    ),
  badRequestBody: () =>
    new EntraError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'grant_type'.",
    ),
};
