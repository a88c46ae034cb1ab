/**
 * PresenterSession over Live Share's follow mode (`LiveFollowMode`). Loaded with a dynamic
 * import only when presenter mode opens (Live Share + Fluid are ~1.2 MB).
 *
 * Host: in a Teams meeting Teams' `LiveShareHost` (Azure Fluid Relay, one container per meeting);
 * elsewhere Live Share's test host against the local relay, with the meeting's container id kept
 * by the local container map (see map-host.ts).
 *
 * Follow mode makes everyone follow a presenter; the app keeps the user's own choice
 * (`FollowChoice`) and suspends whoever did not choose to follow. Before suspending, and whenever
 * a suspended user moves, their own position is shared (`update`), so stepping away stays where
 * the viewer is instead of jumping to a stale value; while following, the local value mirrors the
 * presenter's for the same reason (the presenter stopping leaves followers where they were).
 */
import { InsecureTokenProvider } from "@fluidframework/test-client-utils";
import {
  FollowModeType,
  type IFollowModeState,
  type ILiveShareHost,
  LiveFollowMode,
  LiveShareClient,
} from "@microsoft/live-share";
import { LiveShareHost } from "@microsoft/teams-js";
import type { ContainerSchema } from "fluid-framework";
import { MapHost } from "./map-host.js";
import { type HostChoice, samePosition, shouldSuspend, snapshotFrom } from "./model.js";
import type { FollowChoice, PresenterPosition, PresenterSession, PresenterSnapshot, SharedPosition } from "./types.js";

const schema: ContainerSchema = { initialObjects: { follow: LiveFollowMode } };

export function createLiveShareSession(options: {
  host: Exclude<HostChoice, { kind: "unavailable" }>;
  user: { id: string; name: string };
}): PresenterSession {
  const listeners = new Set<(s: PresenterSnapshot) => void>();
  let follow: LiveFollowMode<SharedPosition> | undefined;
  let dispose: (() => void) | undefined;
  let choice: FollowChoice = "none";
  let snapshot: PresenterSnapshot = { mode: "connecting", position: null, presenter: null, others: 0 };
  let left = false;

  const shared = (p: PresenterPosition): SharedPosition => ({
    materialId: p.materialId,
    page: p.page,
    name: options.user.name,
  });
  const publish = (next: PresenterSnapshot) => {
    if (JSON.stringify(next) === JSON.stringify(snapshot)) return;
    snapshot = next;
    for (const l of listeners) l(next);
  };
  const recompute = () => {
    if (!follow) return;
    const state = follow.state as IFollowModeState<SharedPosition> | undefined;
    // Live Share resets suspension whenever the presenter changes, so everyone would follow a new
    // presenter: suspend again whoever did not choose to follow (before showing anything).
    if (state?.type === FollowModeType.followPresenter && shouldSuspend(choice)) {
      void follow.beginSuspension().catch(() => undefined);
      return;
    }
    const presenter = state?.followingUserId ? follow.getUser(state.followingUserId)?.data?.stateValue : undefined;
    publish(snapshotFrom(state, choice, presenter));
    // Mirror the presenter while following (see above); only when it differs, so no echo loop.
    if (state?.type === FollowModeType.followPresenter) {
      const own = follow.localUser?.data?.stateValue;
      if (!own || !samePosition(own, state.value)) void follow.update(shared(state.value)).catch(() => undefined);
    }
  };
  const need = (): LiveFollowMode<SharedPosition> => {
    if (!follow) throw new Error("presenter session: join first");
    return follow;
  };
  const fail = (e: unknown) => {
    publish({ ...snapshot, mode: "error", error: e instanceof Error ? e.message : String(e) });
  };

  return {
    async join(meetingKey, initial) {
      try {
        const host: ILiveShareHost =
          options.host.kind === "teams"
            ? (LiveShareHost.create() as unknown as ILiveShareHost)
            : new MapHost(options.host.containersUrl, meetingKey);
        // Fluid's Azure audience needs an AzureUser (id + name) in the token; IUser types only the id.
        const azureUser: { id: string } = { id: options.user.id, name: options.user.name } as { id: string };
        const client =
          options.host.kind === "teams"
            ? new LiveShareClient(host)
            : new LiveShareClient(host, {
                connection: {
                  type: "local",
                  endpoint: options.host.relayUrl,
                  tokenProvider: new InsecureTokenProvider("", azureUser),
                },
              });
        const { container } = await client.joinContainer(schema);
        if (left) {
          container.dispose();
          return;
        }
        dispose = () => container.dispose();
        follow = container.initialObjects.follow as LiveFollowMode<SharedPosition>;
        follow.on("stateChanged", recompute);
        // A suspended user's state does not change when the presenter moves; their presence does.
        follow.on("presenceChanged", recompute);
        await follow.initialize(shared(initial));
        // Nobody follows until they choose to.
        if (shouldSuspend(choice)) await follow.beginSuspension();
        recompute();
      } catch (e) {
        fail(e);
        throw e;
      }
    },
    async present() {
      const f = need();
      await f.startPresenting();
    },
    async stop() {
      await need().stopPresenting();
    },
    async update(position) {
      const f = need();
      const own = f.localUser?.data?.stateValue;
      // A follower's viewer reports the presenter's page as it arrives: not a move of their own.
      if (snapshot.mode === "following" || (own && samePosition(own, position))) return;
      await f.update(shared(position));
    },
    async follow() {
      choice = "follow";
      await need().endSuspension();
    },
    async stepAway() {
      const f = need();
      // Stay on what the viewer shows now (the presenter's page), then stop following.
      if (snapshot.position) await f.update(shared(snapshot.position));
      choice = "away";
      await f.beginSuspension();
      recompute();
    },
    async rejoin() {
      choice = "follow";
      await need().endSuspension();
    },
    snapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      listener(snapshot);
      return () => listeners.delete(listener);
    },
    leave() {
      left = true;
      listeners.clear();
      follow?.off("stateChanged", recompute);
      follow?.off("presenceChanged", recompute);
      dispose?.();
    },
  };
}
