/** Request statistics per api ("<METHOD> <route pattern>"). */
import type { Stats } from "../context.js";

type Entry = { requests: number; resourceUnits: number; throttled: number; errors: number };

export function createStats(): Stats & { totals(): Entry } {
  let apis = new Map<string, Entry>();
  const entry = (api: string): Entry => {
    let e = apis.get(api);
    if (!e) {
      e = { requests: 0, resourceUnits: 0, throttled: 0, errors: 0 };
      apis.set(api, e);
    }
    return e;
  };
  return {
    record(api, status, ru = 0) {
      const e = entry(api);
      e.requests++;
      e.resourceUnits += ru;
      if (status === 429) e.throttled++;
      else if (status >= 400) e.errors++;
    },
    snapshot() {
      return Object.fromEntries([...apis].map(([k, v]) => [k, { ...v }]));
    },
    reset() {
      apis = new Map();
    },
    totals() {
      const t: Entry = { requests: 0, resourceUnits: 0, throttled: 0, errors: 0 };
      for (const e of apis.values()) {
        t.requests += e.requests;
        t.resourceUnits += e.resourceUnits;
        t.throttled += e.throttled;
        t.errors += e.errors;
      }
      return t;
    },
  };
}
