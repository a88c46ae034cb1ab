// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here are adaptivecards-templating placeholders, not JS templates
/**
 * The meeting card (会議の案内), sent to each attendee when the chair distributes a meeting, and
 * again (with `notice`) when a material is replaced: the meeting's type, date and time (JST),
 * place, the Teams join link, the agenda (title, presenter, minutes) and 資料を開く (the tab's
 * meeting page). No Kōmu actions: the materials open in the tab, which checks access itself.
 */
import { z } from "zod";
import type { CardDefinition, CardTemplate } from "./types.js";

export const meetingCardData = z.object({
  meetingId: z.string().min(1),
  schoolId: z.string().min(1),
  /** 職員会議 / 学年会 / 委員会 / その他の会議. */
  typeLabel: z.string().min(1),
  title: z.string().min(1),
  /** Already formatted in JST: 2026年12月1日(火) 15:30〜17:00. */
  whenText: z.string().min(1),
  place: z.string().default(""),
  chairName: z.string().default(""),
  /** The Teams meeting's join link (empty: not online). */
  joinUrl: z.string().default(""),
  agenda: z
    .array(z.object({ no: z.string(), title: z.string().min(1), presenter: z.string(), minutesText: z.string() }))
    .max(50),
  materialsText: z.string().default(""),
  /** The tab's meeting page (empty: no link configured). */
  openUrl: z.string().default(""),
  /** Why this card came again (a material update); empty: the invitation itself. */
  notice: z.string().default(""),
});
export type MeetingCardData = z.input<typeof meetingCardData>;

export const meetingCardTemplate = {
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${typeLabel} / Meeting", size: "Small", isSubtle: true, wrap: true },
    { type: "TextBlock", text: "${title}", weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", $when: "${notice != ''}", text: "${notice}", color: "Accent", weight: "Bolder", wrap: true },
    {
      type: "FactSet",
      facts: [
        { title: "日時", value: "${whenText}" },
        { $when: "${place != ''}", title: "場所", value: "${place}" },
        { $when: "${chairName != ''}", title: "主催", value: "${chairName}" },
        { $when: "${materialsText != ''}", title: "資料", value: "${materialsText}" },
      ],
    },
    {
      type: "Container",
      $when: "${count(agenda) > 0}",
      separator: true,
      items: [
        { type: "TextBlock", text: "議題", weight: "Bolder", wrap: true },
        {
          $data: "${agenda}",
          type: "ColumnSet",
          columns: [
            { type: "Column", width: "auto", items: [{ type: "TextBlock", text: "${no}", wrap: true }] },
            { type: "Column", width: "stretch", items: [{ type: "TextBlock", text: "${title}", wrap: true }] },
            {
              type: "Column",
              width: "auto",
              // An agenda item without a presenter has no column (an empty TextBlock is invalid).
              $when: "${presenter != ''}",
              items: [{ type: "TextBlock", text: "${presenter}", isSubtle: true, wrap: true }],
            },
            { type: "Column", width: "auto", items: [{ type: "TextBlock", text: "${minutesText}", wrap: true }] },
          ],
        },
      ],
    },
  ],
  actions: [
    { $when: "${openUrl != ''}", type: "Action.OpenUrl", title: "資料を開く", url: "${openUrl}" },
    { $when: "${joinUrl != ''}", type: "Action.OpenUrl", title: "会議に参加", url: "${joinUrl}" },
  ],
} as const satisfies CardTemplate;

export const meetingCardDefinition: CardDefinition<typeof meetingCardData> = {
  name: "meeting",
  template: meetingCardTemplate,
  data: meetingCardData,
};
