/**
 * Links into the approvals tab, built from configuration (TAB_ENDPOINT, TEAMS_APP_ID):
 *  - `openUrl`: the card's 「文書を開く」. In a real tenant a Teams deep link to Kōmu's personal
 *    「承認」 tab whose sub-entity (`approval/<schoolId>/<approvalId>`) the tab opens; locally (the
 *    local Teams client has no deep links) the tab's own URL with `?school=&approval=`.
 *  - `verifyUrl`: printed on the 決裁証明 page: the tab's 検証 view.
 * Without TAB_ENDPOINT there are no links (cards and certificates simply leave them out).
 */
import type { Config } from "../config.js";

export interface ApprovalLinks {
  openUrl?: (schoolId: string, approvalId: string) => string;
  verifyUrl?: string;
}

/** The tab's entity id of the approvals page in manifest/appPackage/manifest.json. */
export const APPROVALS_ENTITY_ID = "approvals";

export function approvalLinks(config: Pick<Config, "env" | "tab">): ApprovalLinks {
  const endpoint = config.tab.endpoint;
  if (!endpoint) return {};
  const tabUrl = (schoolId: string, approvalId: string) =>
    `${endpoint}/approvals?${new URLSearchParams({ school: schoolId, approval: approvalId })}`;
  const appId = config.tab.teamsAppId;
  const openUrl =
    config.env !== "local" && appId
      ? (schoolId: string, approvalId: string) => {
          const context = JSON.stringify({ subEntityId: `approval/${schoolId}/${approvalId}` });
          const query = new URLSearchParams({ webUrl: tabUrl(schoolId, approvalId), label: "承認", context });
          return `https://teams.microsoft.com/l/entity/${appId}/${APPROVALS_ENTITY_ID}?${query}`;
        }
      : tabUrl;
  return { openUrl, verifyUrl: `${endpoint}/approvals?view=verify` };
}
