/**
 * The guardian page's stylesheet (served at /api/public/s.css): mobile first, works at 320 px,
 * large touch targets (≥ 44 px), high contrast (text ≥ 7:1 on white, focus rings visible),
 * respects the user's font size and reduced motion.
 */
export const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Meiryo", system-ui, sans-serif;
  font-size: 1.0625rem; line-height: 1.7; color: #1a1a1a; background: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.4rem; line-height: 1.4; margin: .2rem 0 .4rem; }
.school { margin: 0; font-weight: 600; color: #333; }
.en { color: #444; font-size: .9rem; margin: 0 0 .5rem; }
.about { font-size: 1.1rem; font-weight: 700; margin: .5rem 0; padding: .5rem .75rem; background: #eef4fb; border-left: 4px solid #0b4f8a; }
.deadline { margin: .3rem 0; }
.anon { font-size: .95rem; }
.top { border-bottom: 1px solid #767676; padding-bottom: .75rem; margin-bottom: 1rem; }
.description { margin-bottom: 1rem; }
.notice { padding: .75rem 1rem; border: 2px solid #0b4f8a; border-radius: 6px; background: #f3f8fd; }
.notice.done { border-color: #0e6b0e; background: #f1f9f1; }
.notice.closed, .notice.warn { border-color: #8a4b00; background: #fff8ec; }
.summary { padding: .75rem 1rem; border: 2px solid #b00020; border-radius: 6px; background: #fff5f6; margin: 1rem 0; }
.summary:focus { outline: 3px solid #b00020; outline-offset: 2px; }
.summary ul { margin: .3rem 0 0; padding-left: 1.2rem; }
.summary a { color: #8c0019; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.q { margin: 0 0 1.5rem; padding: 1rem 0 0; border-top: 1px solid #d0d0d0; }
.q[hidden] { display: none; }
legend, .qtitle { display: block; font-weight: 700; font-size: 1.05rem; margin-bottom: .4rem; padding: 0; }
.num { color: #0b4f8a; margin-right: .2rem; }
.req { color: #8c0019; font-weight: 700; font-size: .95rem; white-space: nowrap; }
.desc, .hint, .condition { margin: 0 0 .5rem; color: #333; font-size: .95rem; }
.condition { font-style: normal; border-left: 3px solid #767676; padding-left: .5rem; }
.options { display: grid; gap: .5rem; }
.options.inline, .options.scale { grid-template-columns: repeat(auto-fit, minmax(3.5rem, 1fr)); }
.option { position: relative; }
.option input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.option label { display: flex; align-items: center; min-height: 48px; padding: .5rem .75rem .5rem 2.6rem; border: 2px solid #767676;
  border-radius: 8px; cursor: pointer; background: #fff; position: relative; }
.scale .option label { justify-content: center; padding: .5rem; }
.option label::before { content: ""; position: absolute; left: .75rem; top: 50%; width: 1.25rem; height: 1.25rem; margin-top: -.625rem;
  border: 2px solid #444; background: #fff; }
.option input[type="radio"] + label::before { border-radius: 50%; }
.option input[type="checkbox"] + label::before { border-radius: 3px; }
.scale .option label::before { display: none; }
.option input:checked + label { border-color: #0b4f8a; background: #e3eefa; font-weight: 700; }
.option input[type="radio"]:checked + label::before { background: radial-gradient(#0b4f8a 45%, #fff 50%); border-color: #0b4f8a; }
.option input[type="checkbox"]:checked + label::before { background: #0b4f8a; border-color: #0b4f8a; box-shadow: inset 0 0 0 3px #fff; }
.scale .option input:checked + label { background: #0b4f8a; color: #fff; }
.option input:focus-visible + label { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.scale-ends { display: flex; justify-content: space-between; gap: 1rem; font-size: .9rem; margin: 0 0 .3rem; }
input[type="text"], input[type="date"], textarea { width: 100%; max-width: 100%; font: inherit; color: inherit; min-height: 48px;
  padding: .5rem .75rem; border: 2px solid #767676; border-radius: 8px; background: #fff; }
input[inputmode] { max-width: 12rem; }
textarea { min-height: 8rem; resize: vertical; }
input:focus-visible, textarea:focus-visible, button:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
[aria-invalid="true"], .q.invalid .option label { border-color: #b00020; }
.error { color: #b00020; font-weight: 700; margin: .4rem 0 0; }
.error::before { content: "⚠ "; }
.unit { margin-left: .3rem; }
.required-note { font-size: .95rem; }
.actions { display: grid; gap: .75rem; grid-template-columns: 1fr; margin-top: 1.5rem; }
@media (min-width: 30rem) { .actions { grid-template-columns: 1fr 2fr; } }
button { font: inherit; font-weight: 700; min-height: 52px; padding: .6rem 1rem; border-radius: 8px; cursor: pointer; border: 2px solid #0b4f8a; }
button.primary { background: #0b4f8a; color: #fff; }
button.secondary { background: #fff; color: #0b4f8a; }
button:disabled { opacity: .55; cursor: not-allowed; }
.foot { margin-top: 2rem; font-size: .9rem; color: #333; border-top: 1px solid #d0d0d0; }
.problem { padding: 1rem; border: 2px solid #8a4b00; border-radius: 6px; background: #fff8ec; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; } }
`;
