/** OpenID Connect discovery documents in Entra's shape, and the JWKS. */
import { BOT_FRAMEWORK_TENANT } from "../constants.js";
import type { TenantContext } from "../context.js";
import { botFrameworkIssuer } from "./tokens.js";

/** `/{tenant}/v2.0/.well-known/openid-configuration`; `base` is the origin the caller used. */
export function openIdConfiguration(ctx: TenantContext, base: string, tenant: string): Record<string, unknown> {
  const t = tenant === BOT_FRAMEWORK_TENANT ? BOT_FRAMEWORK_TENANT : ctx.config.tenantId;
  const issuer = tenant === BOT_FRAMEWORK_TENANT ? botFrameworkIssuer(ctx) : ctx.config.issuer;
  return {
    token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    kerberos_endpoint: `${base}/${t}/kerberos`,
    tenant_region_scope: "AS",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: new URL(base).host,
    rbac_url: "https://pas.windows.net",
  };
}
