/** PATCH / GET / DELETE /drives/{d}/items/{i}/retentionLabel. */
import { GraphError } from "../../context.js";
import { type ItemTarget, requireItem } from "./address.js";
import {
  badRequest,
  charge,
  identityOf,
  json,
  metadataUrl,
  methodNotAllowed,
  noContent,
  notFound,
  type Req,
  readJson,
} from "./http.js";
import { effectiveLabel, labelSettings, serializeLabel } from "./labels.js";
import { touch } from "./mutate.js";

const isRecord = (behavior: string) => behavior === "retainAsRecord" || behavior === "retainAsRegulatoryRecord";

export async function handleRetentionLabel(req: Req, target: ItemTarget, api: string): Promise<Response> {
  const { ctx, c } = req;
  const context = { "@odata.context": metadataUrl(ctx, "microsoft.graph.itemRetentionLabel") };
  if (req.method === "GET") {
    charge(ctx, c, "read", `GET ${api}/retentionLabel`);
    const item = requireItem(target);
    const effective = effectiveLabel(ctx, item);
    if (!effective) throw notFound("The item has no retention label.");
    return json(c, { ...context, ...serializeLabel(ctx, effective) });
  }
  if (req.method === "PATCH") {
    const caller = charge(ctx, c, "write", `PATCH ${api}/retentionLabel`);
    const item = requireItem(target);
    const body = await readJson(c);
    if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name is required.");
    const current = item.retentionLabel;
    if (current && current.name !== body.name) {
      const settings = labelSettings(ctx, current.name);
      if (isRecord(settings.behaviorDuringRetentionPeriod) && !settings.isLabelUpdateAllowed) {
        throw new GraphError(
          403,
          "accessDenied",
          `The item is a record labelled '${current.name}'; its label cannot be changed.`,
        );
      }
    }
    const by = identityOf(ctx, caller);
    item.retentionLabel = { name: body.name, appliedDateTime: ctx.now().toISOString(), appliedBy: by };
    touch(ctx, item, by);
    ctx.store.changed();
    const effective = effectiveLabel(ctx, item);
    return json(
      c,
      { ...context, ...serializeLabel(ctx, effective as NonNullable<typeof effective>) },
      current ? 200 : 201,
    );
  }
  if (req.method === "DELETE") {
    const caller = charge(ctx, c, "write", `DELETE ${api}/retentionLabel`);
    const item = requireItem(target);
    if (item.retentionLabel) {
      const settings = labelSettings(ctx, item.retentionLabel.name);
      if (isRecord(settings.behaviorDuringRetentionPeriod) && settings.isRecordLocked) {
        throw new GraphError(
          403,
          "accessDenied",
          `The record label '${item.retentionLabel.name}' is locked and cannot be removed.`,
        );
      }
      delete item.retentionLabel;
      touch(ctx, item, identityOf(ctx, caller));
      ctx.store.changed();
    }
    return noContent();
  }
  throw methodNotAllowed();
}
