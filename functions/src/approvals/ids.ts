import { randomBytes } from "node:crypto";

/** `a` + time (base 36) + random: sortable by creation, unguessable. Table ids allow no ":". */
export function newApprovalId(now: Date): string {
  return `a${now.getTime().toString(36)}-${randomBytes(5).toString("hex")}`;
}

/** A template id chosen by Kōmu for a new template. */
export function newTemplateId(now: Date): string {
  return `t${now.getTime().toString(36)}-${randomBytes(3).toString("hex")}`;
}
