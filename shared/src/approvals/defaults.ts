/**
 * Route templates seeded for every school (a principal may edit or retire them). Roles only:
 * people are resolved at submission.
 */
import type { RouteTemplateInput, TemplateStageInput } from "./route.js";

export const DEFAULT_TEMPLATE_IDS = ["general", "consultation", "circulation"] as const;

export function defaultRouteTemplates(): (RouteTemplateInput & { id: (typeof DEFAULT_TEMPLATE_IDS)[number] })[] {
  const principal: TemplateStageInput = {
    id: "principal",
    kind: "final",
    label: "校長",
    roles: ["principal"],
    deputyRole: "vicePrincipal",
  };
  return [
    {
      id: "general",
      name: "一般起案",
      description: "教務主任 → 教頭 → 校長（決裁）。校長不在時は教頭が代決（後閲）。",
      stages: [
        { id: "head-teacher", kind: "approval", label: "教務主任", roles: ["headTeacher"], optional: true },
        { id: "vice-principal", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
        principal,
      ],
    },
    {
      id: "consultation",
      name: "学年合議つき起案",
      description: "学年主任の合議（2 名の同意）→ 教頭 → 校長（決裁）。",
      stages: [
        {
          id: "grade-heads",
          kind: "consultation",
          label: "合議（学年主任）",
          roles: ["gradeHead"],
          rule: { kind: "nOfM", n: 2 },
        },
        { id: "vice-principal", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
        principal,
      ],
    },
    {
      id: "circulation",
      name: "起案（決裁後 事務回覧）",
      description: "教頭 → 校長（決裁）→ 事務職員へ回覧。",
      stages: [
        { id: "vice-principal", kind: "approval", label: "教頭", roles: ["vicePrincipal"] },
        principal,
        { id: "clerk", kind: "circulation", label: "回覧（事務）", roles: ["clerk"] },
      ],
    },
  ];
}
