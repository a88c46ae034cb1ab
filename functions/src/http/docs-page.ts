/**
 * The API reference page (/api/docs), rendered on the server from the OpenAPI document: plain
 * HTML and inline CSS, no script and no CDN, so it works offline and under a strict CSP.
 */
import { MESSAGES } from "@komu/shared";

type Json = Record<string, unknown>;

const esc = (s: unknown): string =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

const both = (key: keyof typeof MESSAGES): string =>
  `${esc(MESSAGES[key].ja)} <span class="en">${esc(MESSAGES[key].en)}</span>`;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function schemaBlock(schema: unknown): string {
  if (!schema) return "";
  const ref = (schema as Json).$ref;
  if (typeof ref === "string") {
    const name = ref.split("/").pop() ?? ref;
    return `<p><a href="#schema-${esc(name)}"><code>${esc(name)}</code></a></p>`;
  }
  return `<pre>${esc(JSON.stringify(schema, null, 2))}</pre>`;
}

function operationBlock(path: string, method: string, op: Json, globalSecurity: unknown): string {
  const security = (op.security ?? globalSecurity) as unknown[] | undefined;
  const needsAuth = Array.isArray(security) && security.some((s) => Object.keys(s as Json).length > 0);
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = (op.requestBody as Json | undefined)?.content as Json | undefined;
  const responses = (op.responses as Json | undefined) ?? {};
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
  return `
<section class="op" id="${esc(id)}">
  <h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>
    <span class="auth ${needsAuth ? "required" : "public"}">${needsAuth ? both("docs.auth.required") : both("docs.auth.none")}</span></h3>
  ${op.summary ? `<p class="summary">${esc(op.summary)}</p>` : ""}
  ${op.description ? `<p>${esc(op.description)}</p>` : ""}
  ${
    params.length
      ? `<h4>${both("docs.parameters")}</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th>description</th></tr></thead><tbody>${params
          .map(
            (p) =>
              `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? "✔" : ""}</td><td><code>${esc(
                JSON.stringify(p.schema ?? {}),
              )}</code></td><td>${esc(p.description ?? "")}</td></tr>`,
          )
          .join("")}</tbody></table>`
      : ""
  }
  ${
    body
      ? `<h4>${both("docs.requestBody")}</h4>${Object.entries(body)
          .map(([type, media]) => `<p><code>${esc(type)}</code></p>${schemaBlock((media as Json).schema)}`)
          .join("")}`
      : ""
  }
  <h4>${both("docs.responses")}</h4>
  <dl>${Object.entries(responses)
    .map(([status, r]) => {
      const content = ((r as Json).content as Json | undefined) ?? {};
      const schema = Object.values(content)[0] as Json | undefined;
      return `<dt><code>${esc(status)}</code> ${esc((r as Json).description ?? "")}</dt><dd>${schemaBlock(schema?.schema)}</dd>`;
    })
    .join("")}</dl>
</section>`;
}

export function renderDocsPage(doc: Json): string {
  const info = (doc.info as Json | undefined) ?? {};
  const paths = (doc.paths as Record<string, Json> | undefined) ?? {};
  const schemas = ((doc.components as Json | undefined)?.schemas as Record<string, unknown> | undefined) ?? {};
  const ops: { path: string; method: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) ops.push({ path, method, op });
    }
  }
  const toc = ops
    .map(({ path, method }) => {
      const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
      return `<li><a href="#${esc(id)}"><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> ${esc(path)}</a></li>`;
    })
    .join("");
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(MESSAGES["docs.title"].ja)} — ${esc(info.version)}</title>
<style>
  body { font-family: "Segoe UI", "Hiragino Sans", "Meiryo", system-ui, sans-serif; margin: 0; color: #242424; background: #fafafa; line-height: 1.6; }
  header, main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
  header { border-bottom: 1px solid #ddd; }
  h1 { font-size: 1.6rem; margin: .2rem 0; }
  .en { color: #616161; font-size: .9em; margin-left: .4em; }
  .op { background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
  .method { display: inline-block; min-width: 4em; text-align: center; border-radius: 4px; color: #fff; font-size: .8rem; font-weight: 600; padding: .1rem .3rem; }
  .get { background: #0f6cbd; } .post { background: #107c10; } .put, .patch { background: #8a5d00; } .delete { background: #c50f1f; }
  .auth { font-size: .8rem; border-radius: 4px; padding: .1rem .4rem; margin-left: .5rem; font-weight: normal; }
  .auth.required { background: #fde7e9; } .auth.public { background: #e0f2e9; }
  pre { background: #f3f3f3; padding: .6rem; overflow-x: auto; font-size: .85rem; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; } th, td { border: 1px solid #e0e0e0; padding: .2rem .4rem; text-align: left; }
  a { color: #0f548c; } a:focus { outline: 2px solid #0f6cbd; }
  ul.toc { list-style: none; padding: 0; columns: 2; } ul.toc li { margin: .2rem 0; }
</style>
</head>
<body>
<header>
  <h1>${both("docs.title")}</h1>
  <p>${esc(info.title)} — version <code>${esc(info.version)}</code></p>
  <p>${both("docs.intro")}</p>
  <p><a href="/api/openapi.json">${both("docs.openapi")}</a></p>
</header>
<main>
  <nav aria-label="API"><ul class="toc">${toc}</ul></nav>
  ${ops.map(({ path, method, op }) => operationBlock(path, method, op, doc.security)).join("\n")}
  <h2>${both("docs.schema")}</h2>
  ${Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section class="op" id="schema-${esc(name)}"><h3><code>${esc(name)}</code></h3><pre>${esc(JSON.stringify(schema, null, 2))}</pre></section>`,
    )
    .join("\n")}
</main>
</body>
</html>`;
}
