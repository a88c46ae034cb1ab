/**
 * Kōmu's door to Microsoft Graph. App-only calls use the app's client secret
 * (ClientSecretCredential); user-scoped calls use the on-behalf-of flow (OnBehalfOfCredential)
 * with the caller's bearer token. The base URL comes from GRAPH_BASE_URL, so the same code talks
 * to graph.microsoft.com or the local tenant (its host is registered as an SDK custom host so
 * the SDK attaches tokens to it). The SDK's RetryHandler honours Retry-After on 429/503/504.
 * Every call that reaches the network is counted per operation (`calls`).
 */
import { ClientSecretCredential, OnBehalfOfCredential, type TokenCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  type Middleware,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from "@microsoft/microsoft-graph-client";
import type { Config } from "../config.js";
import { GROUP_SELECT } from "../identity/groups.js";
import { LruCache } from "../identity/lru.js";
import { CredentialAuthProvider } from "./auth-provider.js";
import {
  CountingMiddleware,
  createGraphCallCounter,
  type GraphCallCounter,
  NetworkRetryMiddleware,
} from "./counter.js";
import { graphFailure } from "./errors.js";
import { createSharePointBudget, type SharePointBudget, SharePointBudgetMiddleware } from "./sharepoint-budget.js";

export interface GraphGroupRef {
  id: string;
  mailNickname: string | null;
  displayName: string | null;
  /** Selected by memberGroupsOf: only role-assignable security groups carry Kōmu roles. */
  securityEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  groupTypes?: string[] | null;
}

export interface GraphGateway {
  /** App-only client (background jobs, principal resolution). */
  readonly app: Client;
  /** A client acting for the signed-in user (on-behalf-of their API token). */
  forUser(userAssertion: string): Client;
  /**
   * The groups the user is a direct member of (Graph's memberOf, all pages), with the properties
   * that say whether a group can be trusted (identity/groups.ts GROUP_SELECT).
   */
  memberGroupsOf(userId: string): Promise<GraphGroupRef[]>;
  /** Groups whose mailNickname starts with the prefix (all pages), app-only. */
  groupsByNicknamePrefix(prefix: string): Promise<GraphGroupRef[]>;
  /** Follows @odata.nextLink from `path` and returns every `value` item. */
  allPages<T>(client: Client, path: string, operation: string): Promise<T[]>;
  readonly calls: GraphCallCounter;
  /** The client-side SharePoint RU budget every client of this gateway waits on (also for upload URLs). */
  readonly sharePointBudget: SharePointBudget;
}

export interface GraphGatewayOptions {
  /** Overrides for tests: credentials instead of the ones built from config. */
  appCredential?: TokenCredential;
  oboCredential?: (userAssertion: string) => TokenCredential;
  counter?: GraphCallCounter;
  maxRetries?: number;
  /** Hard cap on pages followed by allPages. Default 50. */
  maxPages?: number;
  /** SharePoint RU per minute this gateway allows itself (default config / 1,200). */
  sharePointRuPerMinute?: number;
  sharePointBudget?: SharePointBudget;
}

const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

function splitBaseUrl(graphBaseUrl: string): { baseUrl: string; version: string; host: string } {
  const url = new URL(graphBaseUrl);
  const version = url.pathname.replace(/^\/+|\/+$/g, "") || "v1.0";
  return { baseUrl: url.origin, version, host: url.hostname };
}

export function createGraphGateway(
  config: Pick<Config, "tenantId" | "clientId" | "clientSecret" | "authorityHost" | "publicCloud" | "graphBaseUrl"> &
    Partial<Pick<Config, "sharePointRuPerMinute">>,
  options: GraphGatewayOptions = {},
): GraphGateway {
  const { baseUrl, version, host } = splitBaseUrl(config.graphBaseUrl);
  const calls = options.counter ?? createGraphCallCounter();
  const sharePointBudget =
    options.sharePointBudget ??
    createSharePointBudget({ perMinute: options.sharePointRuPerMinute ?? config.sharePointRuPerMinute ?? 1200 });
  const maxPages = options.maxPages ?? 50;
  const credentialOptions = {
    authorityHost: config.authorityHost,
    ...(config.publicCloud ? {} : { disableInstanceDiscovery: true }),
  };

  function makeClient(credential: TokenCredential): Client {
    const chain: Middleware[] = [
      new AuthenticationHandler(new CredentialAuthProvider(credential, [GRAPH_SCOPE])),
      new RetryHandler(new RetryHandlerOptions(1, options.maxRetries ?? 3)),
      new RedirectHandler(),
      new TelemetryHandler(),
      new NetworkRetryMiddleware(),
      // After the retry handlers: every attempt waits for SharePoint budget and is counted.
      new SharePointBudgetMiddleware(sharePointBudget, calls),
      new CountingMiddleware(calls),
      new HTTPMessageHandler(),
    ];
    for (let i = 0; i < chain.length - 1; i++) chain[i]?.setNext?.(chain[i + 1] as Middleware);
    return Client.initWithMiddleware({
      middleware: chain,
      baseUrl,
      defaultVersion: version,
      customHosts: new Set([host]),
    });
  }

  const app = makeClient(
    options.appCredential ??
      new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, credentialOptions),
  );
  const userClients = new LruCache<Client>(500, 50 * 60_000);

  async function allPages<T>(client: Client, path: string, operation: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < maxPages; page++) {
      let body: { value?: T[]; "@odata.nextLink"?: string };
      try {
        body = await client.api(next).get();
      } catch (error) {
        throw graphFailure(error, operation);
      }
      items.push(...(body.value ?? []));
      next = body["@odata.nextLink"];
    }
    return items;
  }

  return {
    app,
    calls,
    sharePointBudget,
    allPages,
    forUser(userAssertion) {
      let client = userClients.get(userAssertion);
      if (!client) {
        const credential =
          options.oboCredential?.(userAssertion) ??
          new OnBehalfOfCredential({
            tenantId: config.tenantId,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            userAssertionToken: userAssertion,
            ...credentialOptions,
          });
        client = makeClient(credential);
        userClients.set(userAssertion, client);
      }
      return client;
    },
    memberGroupsOf(userId) {
      return allPages<GraphGroupRef>(
        app,
        `/users/${encodeURIComponent(userId)}/memberOf/microsoft.graph.group?$select=${GROUP_SELECT}&$top=999`,
        "memberGroupsOf",
      );
    },
    groupsByNicknamePrefix(prefix) {
      const literal = prefix.replace(/'/g, "''");
      return allPages<GraphGroupRef>(
        app,
        `/groups?$filter=${encodeURIComponent(`startswith(mailNickname,'${literal}')`)}&$select=id,mailNickname,displayName&$top=999`,
        "groupsByNicknamePrefix",
      );
    },
  };
}
