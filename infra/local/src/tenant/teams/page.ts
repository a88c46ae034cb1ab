/** The Teams client's HTML shell; the browser script (/teams/client.js) does the rest. */
export function teamsClientPage(): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Teams（ローカル） — Kōmu</title>
<style>
:root { --bg:#f5f5f5; --panel:#ffffff; --fg:#242424; --muted:#616161; --brand:#5b5fc7; --brand-fg:#fff; --border:#e0e0e0; --rail:#ebebeb; --bubble-me:#e8ebfa; --bubble-bot:#ffffff; --danger:#c4314b; }
[data-theme="dark"] { --bg:#1f1f1f; --panel:#292929; --fg:#ffffff; --muted:#adadad; --brand:#7f85f5; --brand-fg:#000; --border:#3d3d3d; --rail:#141414; --bubble-me:#2f2f4a; --bubble-bot:#333333; --danger:#f9526b; }
[data-theme="contrast"] { --bg:#000; --panel:#000; --fg:#fff; --muted:#ffff00; --brand:#ffff00; --brand-fg:#000; --border:#fff; --rail:#000; --bubble-me:#000; --bubble-bot:#000; --danger:#ff7f7f; }
* { box-sizing: border-box; }
html, body { margin:0; height:100%; font-family: "Segoe UI", "Yu Gothic UI", "Meiryo", system-ui, sans-serif; background:var(--bg); color:var(--fg); font-size:14px; }
button, select, input, textarea { font: inherit; color: inherit; }
#app { height:100%; display:flex; flex-direction:column; }
.topbar { height:48px; background:var(--brand); color:var(--brand-fg); display:flex; align-items:center; gap:12px; padding:0 16px; flex:none; }
.topbar .title { font-weight:600; }
.topbar .spacer { flex:1; }
.topbar select, .topbar button { background:transparent; border:1px solid currentColor; border-radius:4px; padding:2px 8px; color:inherit; }
.topbar select option { color:#000; }
[hidden] { display:none !important; }
.main { flex:1; display:flex; min-height:0; }
.rail { width:200px; background:var(--rail); border-right:1px solid var(--border); display:flex; flex-direction:column; padding:8px 0; overflow:auto; flex:none; }
.rail .app { font-weight:600; padding:8px 16px; }
.rail button { text-align:left; background:none; border:none; padding:8px 16px; cursor:pointer; border-left:3px solid transparent; display:flex; justify-content:space-between; }
.rail button[aria-current="page"] { border-left-color:var(--brand); font-weight:600; background:var(--panel); }
.badge { background:var(--danger); color:#fff; border-radius:10px; padding:0 6px; font-size:12px; }
.content { flex:1; min-width:0; display:flex; flex-direction:column; background:var(--panel); }
.content iframe { flex:1; border:0; width:100%; background:var(--panel); }
.banner { padding:6px 16px; background:#fff4ce; color:#000; border-bottom:1px solid var(--border); font-size:13px; }
.banner.error { background:#fde7e9; }
.chat { flex:1; display:flex; flex-direction:column; min-height:0; }
.chat header { padding:12px 16px; border-bottom:1px solid var(--border); font-weight:600; }
.messages { flex:1; overflow:auto; padding:16px; display:flex; flex-direction:column; gap:12px; }
.msg { max-width:min(640px, 90%); display:flex; flex-direction:column; gap:4px; }
.msg.me { align-self:flex-end; }
.msg .meta { font-size:12px; color:var(--muted); }
.msg .bubble { background:var(--bubble-bot); border:1px solid var(--border); border-radius:6px; padding:8px 12px; white-space:pre-wrap; word-break:break-word; }
.msg.me .bubble { background:var(--bubble-me); }
.msg .card { border:1px solid var(--border); border-radius:6px; overflow:hidden; background:var(--bubble-bot); }
.msg .card-error { color:var(--danger); font-size:12px; }
.msg.deleted .bubble { font-style:italic; color:var(--muted); }
.composer { display:flex; gap:8px; padding:12px 16px; border-top:1px solid var(--border); }
.composer textarea { flex:1; resize:none; height:40px; padding:8px; border:1px solid var(--border); border-radius:4px; background:var(--bg); }
.composer button, .primary { background:var(--brand); color:var(--brand-fg); border:none; border-radius:4px; padding:8px 16px; cursor:pointer; }
.signin { max-width:720px; margin:32px auto; background:var(--panel); border:1px solid var(--border); border-radius:8px; padding:24px; }
.signin h1 { font-size:20px; margin-top:0; }
.signin .row { display:flex; gap:8px; align-items:center; margin:12px 0; flex-wrap:wrap; }
.signin select { min-width:360px; padding:6px; }
.signin input { padding:6px; border:1px solid var(--border); border-radius:4px; }
.error-text { color:var(--danger); }
.ac-pushButton { cursor:pointer; }
[data-theme="dark"] .ac-pushButton { background-color:#2b2b40; color:#ffffff; border-color:#7f85f5; }
[data-theme="dark"] .ac-pushButton:hover { background-color:#3d3e66; }
[data-theme="contrast"] .ac-pushButton { background-color:#000000; color:#ffff00; border:2px solid #ffff00; }
[data-theme="contrast"] .ac-pushButton:hover, [data-theme="contrast"] .ac-pushButton:focus-visible { background-color:#1aebff; color:#000000; }
</style>
</head>
<body>
<div id="app"><p style="padding:16px">読み込み中… / Loading…</p></div>
<script src="/teams/client.js"></script>
</body>
</html>`;
}
