import type { Material } from "@komu/shared";

/** What the materials drop zone accepts: PDF, Office documents and images (the server sniffs the bytes). */
export const MATERIAL_ACCEPT =
  ".pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/** Refusals the tab explains beyond the server's message. */
export const REFUSALS = ["FILE_TYPE_MISMATCH", "PDF_ENCRYPTED", "FILE_TOO_LARGE", "PDF_INVALID"] as const;
export type Refusal = (typeof REFUSALS)[number];
export function refusalOf(code: string): Refusal | null {
  return (REFUSALS as readonly string[]).includes(code) ? (code as Refusal) : null;
}

export const isPdf = (m: Pick<Material, "mimeType" | "fileName">): boolean =>
  m.mimeType === "application/pdf" || m.fileName.toLowerCase().endsWith(".pdf");

/** The file name without its extension, as a material's default title. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.slice(0, dot) : name).trim().slice(0, 200) || name.slice(0, 200);
}

/** Materials of an agenda item (in the item's order) and those attached to no item. */
export function materialsByItem(
  agenda: readonly { id: string; materialIds: readonly string[] }[],
  materials: readonly Material[],
): { byItem: Map<string, Material[]>; unattached: Material[] } {
  const byId = new Map(materials.map((m) => [m.id, m]));
  const attached = new Set<string>();
  const byItem = new Map<string, Material[]>();
  for (const item of agenda) {
    const list = item.materialIds.flatMap((id) => {
      const m = byId.get(id);
      return m ? [m] : [];
    });
    for (const m of list) attached.add(m.id);
    byItem.set(item.id, list);
  }
  return { byItem, unattached: materials.filter((m) => !attached.has(m.id)) };
}

/** The version last read of each material (kept in the browser) vs the current: newer versions to flag. */
export function newerThanRead(current: number, lastRead: number | null): boolean {
  return lastRead !== null && current > lastRead;
}
