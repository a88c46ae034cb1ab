/**
 * Live Share on this machine: the Fluid relay (tinylicious) and the container map (one container
 * per meeting, as Teams keeps). Started by `startPlatform({ liveShare: true })`; the tab learns both
 * URLs from /client-config.json (`liveShare`). See infra/local/README.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../ports.js";
import { startContainerMap } from "./containers.js";
import { startRelay } from "./relay.js";

export interface LiveShareOptions {
  /** The relay's port; 0 = a free one. Default 7070 (Live Share's own default for local testing). */
  port?: number;
  /** Keep the relay's storage here (npm start: .data/liveshare); absent: a temp folder removed at stop. */
  dataDir?: string;
}

export interface RunningLiveShare {
  /** The Fluid relay, http://localhost:<port>. */
  relayUrl: string;
  /** The container map, http://127.0.0.1:<port>/containers. */
  containersUrl: string;
  stop(): Promise<void>;
}

export async function startLiveShare(options: LiveShareOptions = {}): Promise<RunningLiveShare> {
  const port = options.port === 0 ? await freePort() : (options.port ?? 7070);
  const temp = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), "komu-liveshare-"));
  const storageDir = options.dataDir ?? (temp as string);
  const removeTemp = () => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  try {
    const relay = await startRelay({ port, storageDir });
    const containers = await startContainerMap(0).catch(async (e: unknown) => {
      await relay.stop();
      throw e;
    });
    return {
      relayUrl: relay.url,
      containersUrl: containers.url,
      stop: async () => {
        await containers.stop();
        await relay.stop();
        removeTemp();
      },
    };
  } catch (e) {
    removeTemp();
    throw e;
  }
}
