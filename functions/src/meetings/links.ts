/**
 * The card's 「資料を開く」: the tab's meeting page `/meetings?school=&meeting=` (TAB_ENDPOINT). In a
 * real tenant a Teams deep link to Kōmu's personal tab whose sub-entity (`meeting/<schoolId>/<meetingId>`)
 * the tab opens; locally (no deep links) the tab's own URL. Without TAB_ENDPOINT there is no link.
 */
import type { Config } from "../config.js";

/** The tab's entity id of the meetings page in manifest/appPackage/manifest.json. */
export const MEETINGS_ENTITY_ID = "meetings";

export function meetingOpenUrl(
  config: Pick<Config, "env" | "tab">,
): ((schoolId: string, meetingId: string) => string) | undefined {
  const endpoint = config.tab.endpoint;
  if (!endpoint) return undefined;
  const tabUrl = (schoolId: string, meetingId: string) =>
    `${endpoint}/meetings?${new URLSearchParams({ school: schoolId, meeting: meetingId })}`;
  const appId = config.tab.teamsAppId;
  if (config.env === "local" || !appId) return tabUrl;
  return (schoolId, meetingId) => {
    const context = JSON.stringify({ subEntityId: `meeting/${schoolId}/${meetingId}` });
    const query = new URLSearchParams({ webUrl: tabUrl(schoolId, meetingId), label: "会議", context });
    return `https://teams.microsoft.com/l/entity/${appId}/${MEETINGS_ENTITY_ID}?${query}`;
  };
}
