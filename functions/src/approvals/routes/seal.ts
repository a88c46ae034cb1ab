import { ensureCan, KomuError } from "@komu/shared";
import type { Endpoint } from "../../http/types.js";
import { deleteSealImage, getSealImage, putSealImage, SEAL_IMAGE_MAX_BYTES } from "../seals/seal-image.js";
import { approvalsOf } from "./common.js";
import { deleteSealRoute, getSealRoute, putSealRoute } from "./seal.types.js";

export const putSealEndpoint: Endpoint = {
  route: putSealRoute,
  auth: "required",
  body: { kind: "binary", maxBytes: SEAL_IMAGE_MAX_BYTES },
  register(app, deps) {
    app.openapi(putSealRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "approval.participate", { schoolId });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await putSealImage(approvalsOf(deps), { schoolId, principal, bytes }), 200);
    });
  },
};

export const getSealEndpoint: Endpoint = {
  route: getSealRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(getSealRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "approval.participate", { schoolId });
      const found = await getSealImage(approvalsOf(deps), schoolId, principal.oid);
      if (!found) throw new KomuError("NOT_FOUND", { details: { kind: "approvalSealImage" } });
      return new Response(found.png, {
        status: 200,
        headers: {
          "Content-Type": "image/png",
          "Cache-Control": "private, no-store",
          "X-Content-Type-Options": "nosniff",
        },
      }) as never;
    });
  },
};

export const deleteSealEndpoint: Endpoint = {
  route: deleteSealRoute,
  auth: "required",
  body: { kind: "none" },
  register(app, deps) {
    app.openapi(deleteSealRoute, async (c) => {
      const { schoolId } = c.req.valid("param");
      const principal = c.get("principal");
      ensureCan(principal, "approval.participate", { schoolId });
      await deleteSealImage(approvalsOf(deps), { schoolId, principal });
      return c.body(null, 204) as never;
    });
  },
};
