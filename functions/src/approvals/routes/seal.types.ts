import { createRoute, z } from "@hono/zod-openapi";
import { AUTHENTICATED_ERRORS, BEARER_SECURITY, errorResponses } from "../../routes/common.types.js";
import { APPROVALS_TAG, SchoolParam } from "./common.types.js";

const PATH = "/api/schools/{schoolId}/approval-seal";
export const SealImageSchema = z
  .object({
    sha256: z.string(),
    size: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi("ApprovalSealImage");

export const putSealRoute = createRoute({
  method: "put",
  path: PATH,
  tags: [APPROVALS_TAG],
  summary: "自分の印影画像の登録 / Register my seal image",
  description:
    "本文は PNG そのもの（32〜1000 px、512 KB まで、透過背景を推奨）。この学校で決裁した PDF に、描いた印影の代わりに使います。 The body is a PNG (32–1000 px, ≤ 512 KB); used instead of the drawn imprint on PDFs you approve in this school.",
  security: BEARER_SECURITY,
  request: {
    params: SchoolParam,
    body: { required: true, content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } } },
  },
  responses: {
    200: { description: "Registered", content: { "application/json": { schema: SealImageSchema } } },
    ...errorResponses(400, 413, 422, ...AUTHENTICATED_ERRORS),
  },
});

export const getSealRoute = createRoute({
  method: "get",
  path: PATH,
  tags: [APPROVALS_TAG],
  summary: "自分の印影画像 / My seal image",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: {
    200: { description: "The PNG", content: { "image/png": { schema: z.string().openapi({ format: "binary" }) } } },
    ...errorResponses(400, 404, ...AUTHENTICATED_ERRORS),
  },
});

export const deleteSealRoute = createRoute({
  method: "delete",
  path: PATH,
  tags: [APPROVALS_TAG],
  summary: "自分の印影画像の削除 / Remove my seal image",
  security: BEARER_SECURITY,
  request: { params: SchoolParam },
  responses: { 204: { description: "Removed (or there was none)" }, ...errorResponses(400, ...AUTHENTICATED_ERRORS) },
});
