/**
 * The tenant's store: named in-memory collections (Maps) plus a blob store. With a dataDir the
 * collections are written as one JSON snapshot (debounced after `changed()`) and blobs as files;
 * both are read back on start.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Store } from "./context.js";

export interface PersistentStore extends Store {
  /** Writes the snapshot now (if anything changed). */
  flush(): void;
  /** Flushes and cancels pending timers. */
  close(): void;
  /** Names of collections that exist. */
  names(): string[];
}

const SNAPSHOT = "store.json";
const BLOB_DIR = "blobs";

const blobFile = (id: string) => Buffer.from(id, "utf8").toString("base64url");

export function createStore(options: { dataDir?: string | undefined; debounceMs?: number } = {}): PersistentStore {
  const { dataDir } = options;
  const debounceMs = options.debounceMs ?? 250;
  const collections = new Map<string, Map<string, unknown>>();
  const blobs = new Map<string, Uint8Array>();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;

  if (dataDir) {
    mkdirSync(join(dataDir, BLOB_DIR), { recursive: true });
    const snapshotPath = join(dataDir, SNAPSHOT);
    if (existsSync(snapshotPath)) {
      const raw = JSON.parse(readFileSync(snapshotPath, "utf8")) as {
        collections?: Record<string, [string, unknown][]>;
      };
      for (const [name, entries] of Object.entries(raw.collections ?? {})) collections.set(name, new Map(entries));
    }
    for (const file of readdirSync(join(dataDir, BLOB_DIR))) {
      if (file.endsWith(".tmp")) continue;
      blobs.set(
        Buffer.from(file, "base64url").toString("utf8"),
        new Uint8Array(readFileSync(join(dataDir, BLOB_DIR, file))),
      );
    }
  }

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dataDir || !dirty) return;
    dirty = false;
    const snapshot: Record<string, [string, unknown][]> = {};
    for (const [name, map] of collections) snapshot[name] = [...map.entries()];
    const path = join(dataDir, SNAPSHOT);
    writeFileSync(`${path}.tmp`, JSON.stringify({ version: 1, collections: snapshot }));
    renameSync(`${path}.tmp`, path);
  };

  const store: PersistentStore = {
    collection<T>(name: string): Map<string, T> {
      let map = collections.get(name);
      if (!map) {
        map = new Map();
        collections.set(name, map);
      }
      return map as Map<string, T>;
    },
    blobs: {
      put(id, data) {
        const copy = new Uint8Array(data);
        blobs.set(id, copy);
        if (dataDir) {
          const path = join(dataDir, BLOB_DIR, blobFile(id));
          writeFileSync(`${path}.tmp`, copy);
          renameSync(`${path}.tmp`, path);
        }
      },
      get(id) {
        return blobs.get(id);
      },
      delete(id) {
        blobs.delete(id);
        if (dataDir) rmSync(join(dataDir, BLOB_DIR, blobFile(id)), { force: true });
      },
    },
    changed() {
      if (!dataDir) return;
      dirty = true;
      if (!timer) {
        timer = setTimeout(flush, debounceMs);
        timer.unref();
      }
    },
    flush,
    close() {
      flush();
    },
    names: () => [...collections.keys()],
  };
  return store;
}
