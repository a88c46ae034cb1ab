import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../context.js";
import { KNOWN_GROUPS } from "../../seed/known.js";
import { loadSeed } from "../../seed/load.js";
import { createStore } from "../../store.js";
import { groups, groupView, type StoredGroup, upgradeLegacyGroups } from "./model.js";

function seeded(): TenantContext {
  const ctx = { store: createStore() } as unknown as TenantContext;
  loadSeed(ctx, { ensureSite: (_c, o) => ({ siteId: `site-${o.key}`, driveId: `drive-${o.key}` }) });
  return ctx;
}

describe("Kōmu's groups in the directory", () => {
  it("the seed creates every komu-* group as a role-assignable security group (Graph's shape)", () => {
    const all = [...groups(seeded()).values()];
    expect(all.length).toBeGreaterThan(30);
    for (const g of all) {
      expect(g.mailNickname.startsWith("komu-"), g.mailNickname).toBe(true);
      const view = groupView(g);
      expect(
        {
          securityEnabled: view.securityEnabled,
          isAssignableToRole: view.isAssignableToRole,
          groupTypes: view.groupTypes,
          mailEnabled: view.mailEnabled,
        },
        g.mailNickname,
      ).toEqual({ securityEnabled: true, isAssignableToRole: true, groupTypes: [], mailEnabled: false });
    }
  });

  it("renders isAssignableToRole as stored (null when unknown, as for older Graph groups)", () => {
    const g = groups(seeded()).get(KNOWN_GROUPS.admins.id) as StoredGroup;
    expect(groupView({ ...g, isAssignableToRole: false }).isAssignableToRole).toBe(false);
    const { isAssignableToRole: _, ...unknown } = g;
    expect(groupView(unknown as StoredGroup).isAssignableToRole).toBeNull();
  });

  it("a store persisted before isAssignableToRole existed is upgraded; other groups are left alone", () => {
    const ctx = seeded();
    const collection = groups(ctx);
    const legacy = collection.get(KNOWN_GROUPS.admins.id) as StoredGroup;
    delete legacy.isAssignableToRole;
    const team: StoredGroup = {
      ...legacy,
      id: "team-1",
      mailNickname: "komu-aoba-e-principal",
      securityEnabled: false,
      groupTypes: ["Unified"],
    };
    delete team.isAssignableToRole;
    const decided: StoredGroup = { ...legacy, id: "sec-1", isAssignableToRole: false };
    collection.set(team.id, team);
    collection.set(decided.id, decided);
    expect(upgradeLegacyGroups(ctx)).toBe(1);
    expect(legacy.isAssignableToRole).toBe(true);
    expect(team.isAssignableToRole).toBeUndefined();
    expect(decided.isAssignableToRole).toBe(false);
    expect(upgradeLegacyGroups(ctx)).toBe(0);
  });
});
