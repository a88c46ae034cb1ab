/**
 * Excel workbook subset over the REAL uploaded .xlsx bytes (parsed with exceljs):
 * …/workbook/worksheets, …/worksheets/{id|name}, …/usedRange, …/usedRange(valuesOnly=true),
 * …/range(address='A1:B2'). Read-only; no sessions needed (Workbook-Session-Id is accepted and ignored).
 * Mounted under /v1.0 by the core (`register(app, ctx)`); charges 1 RU (a file read) per call.
 */
import ExcelJS from "exceljs";
import type { Context, Next } from "hono";
import { GraphError, type TenantApp, type TenantContext, type TenantVariables } from "../../context.js";
import { relativePath, resolveDriveItemPath, tokenize } from "../sharepoint/address.js";
import type { DriveItemRecord } from "../sharepoint/model.js";
import { readContent } from "../sharepoint/mutate.js";
import { parseAddress, rangeJson, usedBounds } from "./range.js";

type C = Context<{ Variables: TenantVariables }>;

const sheetId = (n: number) => `{00000000-${n.toString(16).toUpperCase().padStart(4, "0")}-0000-0000-000000000000}`;

function worksheetJson(
  ctx: TenantContext,
  base: string,
  ws: ExcelJS.Worksheet,
  position: number,
): Record<string, unknown> {
  const id = worksheetId(ws, position);
  return {
    "@odata.id": `${ctx.config.origin}/v1.0${base}/workbook/worksheets(%27${encodeURIComponent(id)}%27)`,
    id,
    name: ws.name,
    position,
    visibility: ws.state === "visible" || !ws.state ? "Visible" : ws.state === "hidden" ? "Hidden" : "VeryHidden",
  };
}

function worksheetId(_ws: ExcelJS.Worksheet, position: number): string {
  return sheetId(position + 1);
}

export function register(app: TenantApp, ctx: TenantContext): void {
  const cache = new Map<string, ExcelJS.Workbook>();

  async function load(item: DriveItemRecord): Promise<ExcelJS.Workbook> {
    const key = `${item.id}@${item.contentVersion}`;
    const cached = cache.get(key);
    if (cached) return cached;
    if (item.isFolder || !/\.(xlsx|xlsm)$/i.test(item.name)) {
      throw new GraphError(400, "invalidRequest", "The item is not an Excel workbook (.xlsx).");
    }
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(readContent(ctx, item)) as unknown as ExcelJS.Buffer);
    } catch {
      throw new GraphError(
        400,
        "invalidRequest",
        "The workbook could not be opened; the file may be corrupt or not an .xlsx file.",
      );
    }
    if (cache.size > 8) cache.delete(cache.keys().next().value as string);
    cache.set(key, workbook);
    return workbook;
  }

  function findSheet(workbook: ExcelJS.Workbook, ref: string): { ws: ExcelJS.Worksheet; position: number } {
    const key = ref.replace(/^\(?'|'\)?$/g, "").replace(/''/g, "'");
    const sheets = workbook.worksheets;
    for (let i = 0; i < sheets.length; i++) {
      const ws = sheets[i] as ExcelJS.Worksheet;
      if (ws.name.toLowerCase() === key.toLowerCase() || worksheetId(ws, i).toLowerCase() === key.toLowerCase())
        return { ws, position: i };
    }
    throw new GraphError(404, "ItemNotFound", `The requested resource '${key}' doesn't exist.`);
  }

  const handler = async (c: C, next: Next) => {
    const tokens = tokenize(relativePath(c.req.url));
    const wbIndex = tokens.findIndex((t) => t.seg === "workbook");
    if (wbIndex < 0) return next();
    const resolved = resolveDriveItemPath(ctx, tokens.slice(0, wbIndex), c.get("caller")?.userId);
    if (!resolved) return next();
    if (c.req.method !== "GET")
      throw new GraphError(405, "notAllowed", "The local tenant's workbook API is read-only.");
    const caller = c.get("caller");
    ctx.limits.sharePoint(caller?.appId ?? "unknown", "read", "GET /drives/{drive-id}/items/{item-id}/workbook/…");
    const item = resolved.target.item;
    if (!item) throw new GraphError(404, "itemNotFound", "The resource could not be found.");
    const workbook = await load(item);
    const rest = tokens.slice(wbIndex + 1).map((t) => t.seg);
    const base = `/drives/${item.driveId}/items/${item.id}`;
    // worksheets | worksheets('Sheet1') | worksheets/{id|name}/…
    let [head, ...more] = rest;
    const call = head ? /^worksheets\((.+)\)$/.exec(head) : null;
    if (call) {
      more = [call[1] as string, ...more];
      head = "worksheets";
    }
    if (head !== "worksheets")
      throw new GraphError(400, "invalidRequest", `Unsupported workbook segment '${head ?? ""}'.`);
    const [sheetRef, action] = more;
    if (!sheetRef) {
      const value = workbook.worksheets.map((ws, i) => worksheetJson(ctx, base, ws, i));
      return c.json({
        "@odata.context": `${ctx.config.origin}/v1.0/$metadata#drives('${item.driveId}')/items('${item.id}')/workbook/worksheets`,
        value,
      });
    }
    const { ws, position } = findSheet(workbook, sheetRef);
    if (!action) return c.json(worksheetJson(ctx, base, ws, position));
    const used = /^usedRange(?:\(valuesOnly=(true|false)\))?$/i.exec(action);
    if (used) {
      const valuesOnly = used[1]?.toLowerCase() === "true";
      return c.json(rangeJson(ws, usedBounds(ws, valuesOnly), { valuesOnly }));
    }
    const range = /^range\(address='([^']+)'\)$/i.exec(action);
    if (range) {
      const addr = (range[1] as string).includes("!")
        ? ((range[1] as string).split("!")[1] as string)
        : (range[1] as string);
      const bounds = parseAddress(addr);
      if (!bounds) throw new GraphError(400, "InvalidArgument", `The address '${range[1]}' is not valid.`);
      return c.json(rangeJson(ws, bounds));
    }
    throw new GraphError(400, "invalidRequest", `Unsupported worksheet segment '${action}'.`);
  };
  for (const path of ["/drives/*", "/sites/*", "/me/drive/*", "/users/:userId/drive/*"])
    app.all(path, handler as never);
}
