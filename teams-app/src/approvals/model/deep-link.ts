/**
 * A Teams deep link to an approval names it in the tab's sub-page id (teams-js
 * `context.page.subPageId`, from `subEntityId` of https://teams.microsoft.com/l/entity/…):
 * `approval/<schoolId>/<approvalId>`. In a browser the tab's own URL does the same
 * (`/approvals?school=…&approval=…`).
 */
export function approvalSubPageId(schoolId: string, approvalId: string): string {
  return `approval/${encodeURIComponent(schoolId)}/${encodeURIComponent(approvalId)}`;
}

export function parseApprovalSubPageId(
  subPageId: string | undefined | null,
): { schoolId: string; approvalId: string } | null {
  const m = /^approval\/([^/]+)\/([^/]+)$/.exec(subPageId ?? "");
  if (!m?.[1] || !m[2]) return null;
  try {
    return { schoolId: decodeURIComponent(m[1]), approvalId: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}
