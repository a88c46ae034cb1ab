/**
 * Class I/II metadata shown in a list (records list or search, a register page, its Excel export)
 * is a read too: one `records.viewed` event per answer names every class I/II item the caller was
 * shown, so the audit log answers "who saw the title of this document" without one event per row.
 * Items withheld from the caller (not shown) are not listed.
 */
import type { Principal } from "@komu/shared";
import type { Storage } from "../../storage/index.js";

export interface ShownItem {
  id: string;
  classification: string;
}

export async function auditListRead(
  storage: Pick<Storage, "audit">,
  principal: Principal,
  schoolId: string,
  how: "list" | "register" | "export",
  items: readonly ShownItem[],
): Promise<void> {
  const sensitive = items.filter((i) => i.classification === "I" || i.classification === "II");
  if (sensitive.length === 0) return;
  const highest = sensitive.some((i) => i.classification === "I") ? "I" : "II";
  await storage.audit.append(schoolId, {
    kind: "records.viewed",
    actor: { oid: principal.oid, name: principal.name },
    target: { kind: how === "list" ? "recordList" : "register", id: schoolId },
    data: { classification: highest, how, ids: sensitive.slice(0, 1000).map((i) => i.id) },
  });
}
