import { describe, expect, it } from "vitest";
import type { StoredEntity } from "../../storage/index.js";
import type { DisposalData } from "../entities.js";
import { WITHHELD } from "../registers/entry-view.js";
import { itemOf } from "./candidates.js";
import { principalOf, recordData } from "./testing.js";
import { toDisposalItemView, toDisposalView } from "./view.js";

const item = (classification: "I" | "II" | "III" | "IV", title: string) =>
  itemOf({
    kind: "record",
    schoolId: "aoba-e",
    id: `r-${title}`,
    etag: "e",
    createdAt: "2020-01-01T00:00:00.000Z",
    updatedAt: "2020-01-01T00:00:00.000Z",
    data: recordData({ classification, title, fileName: `${title}.pdf` }),
  });

const clerk = principalOf("o-clerk", "小川 久美子", ["clerk"]);
const principal = principalOf("o-principal", "松尾 俊介", ["principal"]);
const otherSchoolPrincipal = principalOf("o-p2", "東 校長", ["principal"], "higashi-e");

describe("disposal views withhold class I/II titles from viewers without a need", () => {
  it("the clerk sees category, 保存期限 and hash of a class I/II item, not its 件名 or file name", () => {
    for (const c of ["I", "II"] as const) {
      const view = toDisposalItemView(item(c, `指導要録${c}`), clerk, "aoba-e");
      expect(view).toMatchObject({ title: WITHHELD, fileName: WITHHELD, classification: c, sha256: "a".repeat(64) });
    }
    expect(toDisposalItemView(item("III", "学校だより"), clerk, "aoba-e")).toMatchObject({
      title: "学校だより",
      fileName: "学校だより.pdf",
    });
  });

  it("the principal of the school sees them; a principal of another school does not", () => {
    expect(toDisposalItemView(item("I", "指導要録"), principal, "aoba-e").title).toBe("指導要録");
    expect(toDisposalItemView(item("I", "指導要録"), otherSchoolPrincipal, "aoba-e").title).toBe(WITHHELD);
  });

  it("a stored list is rendered per viewer", () => {
    const stored: StoredEntity<DisposalData> = {
      kind: "disposal",
      schoolId: "aoba-e",
      id: "d1",
      etag: "e",
      createdAt: "2026-03-01T00:00:00.000Z",
      updatedAt: "2026-03-01T00:00:00.000Z",
      data: {
        fiscalYear: 2025,
        status: "proposed",
        items: [item("I", "指導要録"), item("IV", "掲示物")],
        proposedBy: { oid: "o-clerk", name: "小川 久美子" },
        proposedAt: "2026-03-01T00:00:00.000Z",
        decidedBy: null,
        decidedAt: null,
        comment: null,
      },
    };
    expect(toDisposalView(stored, clerk).items.map((i) => i.title)).toEqual([WITHHELD, "掲示物"]);
    expect(toDisposalView(stored, principal).items.map((i) => i.title)).toEqual(["指導要録", "掲示物"]);
  });
});
