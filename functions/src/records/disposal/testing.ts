/** Test support for the disposal's unit tests (imported only by *.test.ts). */
import type { Principal, Role } from "@komu/shared";
import type { GraphGateway } from "../../graph/gateway.js";
import type { RecordData } from "../entities.js";

export function principalOf(oid: string, name: string, roles: Role[], schoolId = "aoba-e"): Principal {
  return {
    oid,
    tenantId: "t",
    name,
    upn: `${oid}@example`,
    kind: "staff",
    schools: [schoolId],
    roles,
    memberships: [{ schoolId, roles, staff: true }],
  };
}

export function recordData(over: Partial<RecordData> = {}): RecordData {
  return {
    title: "学校だより 4月号",
    fileName: "dayori-04.pdf",
    fiscalYear: 2019,
    categoryCode: "G-01",
    categoryName: "学校行事",
    classification: "III",
    topic: null,
    retention: "1",
    trigger: "closed",
    eventDate: null,
    retentionUntil: "2021-03-31",
    retentionLabel: null,
    number: null,
    author: { oid: "o-author", name: "伊藤 綾" },
    authorName: "伊藤 綾",
    related: null,
    note: null,
    status: "filed",
    size: 1234,
    mimeType: "application/pdf",
    sha256: "a".repeat(64),
    versionCount: 1,
    pendingUploadId: null,
    driveItemId: "item-1",
    listItemId: "1",
    webUrl: "https://example/item-1",
    failure: null,
    searchText: "学校だより",
    disposalId: null,
    ...over,
  };
}

/**
 * A stand-in for Graph's DELETE /drives/{d}/items/{i} only: `answer(itemId)` returns the HTTP status
 * (204 deleted, 404, 403 label, 503 …); calls are recorded.
 */
export function fakeGraph(answer: (itemId: string) => number) {
  const deletes: string[] = [];
  const request = (path: string) => {
    const r = {
      header: () => r,
      async delete() {
        const itemId = decodeURIComponent(path.split("/").pop() ?? "");
        deletes.push(itemId);
        const status = answer(itemId);
        if (status >= 400) {
          throw Object.assign(new Error(`Graph ${status}`), {
            name: "GraphError",
            statusCode: status,
            code: status === 403 ? "accessDenied" : "error",
          });
        }
      },
    };
    return r;
  };
  const graph = { app: { api: request } } as unknown as GraphGateway;
  return { graph, deletes };
}
