import { createContext, type ReactNode, useContext } from "react";
import type { ApiClient } from "../api/client.js";
import type { Me } from "../api/resources.js";
import type { AuthProvider } from "../auth/types.js";
import type { ClientConfig } from "../config/client-config.js";
import type { HostInfo } from "../teams/host.js";
import type { LoadState } from "./useLoad.js";

export interface Session {
  config: ClientConfig;
  host: HostInfo;
  auth: AuthProvider;
  api: ApiClient;
  /** GET /api/me, loaded once for the header and the home page. */
  me: LoadState<Me>;
  reloadMe: () => void;
  /** Ask the user to sign in again (for requests made outside `api`, e.g. upload with progress). */
  signedOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}
