/**
 * The guardian's page (GET /api/public/s/{token}): server-rendered, light, mobile-first HTML.
 * Everything is visible without JavaScript (conditional questions say when they apply); the
 * script (/api/public/s.js) hides what does not apply, saves drafts and submits through the JSON
 * API, and shows problems beside their questions. Real form controls with labels: fieldset and
 * legend for choices, `inputmode="numeric"` for numbers, `type="date"`, maxlength; required
 * questions are marked in text (「必須」), not by colour.
 */
import type { Answers, AnswerValue, MyResponse, Question } from "@komu/shared";
import { documentFrame, esc, jstDeadline, lines } from "./html.js";

type Survey = MyResponse["survey"];

export interface SurveyPageInput {
  response: Pick<MyResponse, "survey" | "about" | "answers" | "status" | "submittedAt">;
  /** The JSON API this page talks to (/api/public/surveys/{token}). */
  apiPath: string;
}

const fieldName = (q: Question) => `a_${q.id}`;

function conditionNote(q: Question, questions: readonly Question[]): string {
  if (!q.showIf) return "";
  const target = questions.find((t) => t.id === q.showIf?.questionId);
  if (!target) return "";
  const labelOf = (v: string) => {
    if (target.type === "yesNo") return v === "yes" ? "はい" : "いいえ";
    if (target.type === "single" || target.type === "multiple")
      return target.choices.find((c) => c.id === v)?.label ?? v;
    return v;
  };
  const values = q.showIf.anyOf.map((v) => `「${labelOf(v)}」`).join("または");
  return `<p class="condition" id="cond-${esc(q.id)}">「${esc(target.title)}」で${esc(values)}と答えた方のみ</p>`;
}

const checked = (on: boolean) => (on ? " checked" : "");

function choiceList(
  q: Question,
  type: "radio" | "checkbox",
  options: { value: string; label: string }[],
  isOn: (value: string) => boolean,
  extraClass = "",
): string {
  return `<div class="options${extraClass}">${options
    .map((o, i) => {
      const id = `f-${q.id}-${i}`;
      return `<div class="option"><input type="${type}" id="${esc(id)}" name="${esc(fieldName(q))}" value="${esc(o.value)}"${checked(isOn(o.value))}><label for="${esc(id)}">${esc(o.label)}</label></div>`;
    })
    .join("")}</div>`;
}

const asText = (v: AnswerValue | undefined) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

function hintOf(q: Question): string {
  switch (q.type) {
    case "multiple":
      return q.maxSelected ? `${q.maxSelected} 個まで選べます。` : "当てはまるものをすべて選んでください。";
    case "shortText":
    case "longText":
      return `${q.maxLength} 文字以内`;
    case "number": {
      const range =
        q.min !== undefined && q.max !== undefined
          ? `${q.min}〜${q.max}`
          : q.min !== undefined
            ? `${q.min} 以上`
            : q.max !== undefined
              ? `${q.max} 以下`
              : "";
      return [q.integer ? "半角数字（整数）" : "半角数字", range, q.unit ? `単位: ${q.unit}` : ""]
        .filter(Boolean)
        .join("、");
    }
    case "date":
      return q.min || q.max ? `${q.min ?? ""}〜${q.max ?? ""}` : "";
    default:
      return "";
  }
}

function control(q: Question, value: AnswerValue | undefined, describedBy: string): string {
  const id = `f-${q.id}`;
  const name = fieldName(q);
  const aria = `aria-describedby="${esc(describedBy)}"${q.required ? ' aria-required="true"' : ""}`;
  switch (q.type) {
    case "single":
      return choiceList(
        q,
        "radio",
        q.choices.map((c) => ({ value: c.id, label: c.label })),
        (v) => value === v,
      );
    case "multiple":
      return choiceList(
        q,
        "checkbox",
        q.choices.map((c) => ({ value: c.id, label: c.label })),
        (v) => Array.isArray(value) && value.includes(v),
      );
    case "yesNo":
      return choiceList(
        q,
        "radio",
        [
          { value: "yes", label: "はい" },
          { value: "no", label: "いいえ" },
        ],
        (v) => (v === "yes" ? value === true : value === false),
        " inline",
      );
    case "rating": {
      const options = Array.from({ length: q.scale }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
      const ends =
        q.lowLabel || q.highLabel
          ? `<p class="scale-ends"><span>1 = ${esc(q.lowLabel ?? "")}</span><span>${q.scale} = ${esc(q.highLabel ?? "")}</span></p>`
          : "";
      return `${ends}${choiceList(q, "radio", options, (v) => value === Number(v), " scale")}`;
    }
    case "shortText":
      return `<input type="text" id="${esc(id)}" name="${esc(name)}" maxlength="${q.maxLength}" value="${esc(asText(value))}" ${aria}>`;
    case "longText":
      return `<textarea id="${esc(id)}" name="${esc(name)}" maxlength="${q.maxLength}" rows="5" ${aria}>${esc(asText(value))}</textarea>`;
    case "number":
      return `<input type="text" id="${esc(id)}" name="${esc(name)}" inputmode="${q.integer ? "numeric" : "decimal"}" autocomplete="off" value="${esc(asText(value))}" ${aria}>${q.unit ? ` <span class="unit">${esc(q.unit)}</span>` : ""}`;
    case "date":
      return `<input type="date" id="${esc(id)}" name="${esc(name)}"${q.min ? ` min="${esc(q.min)}"` : ""}${q.max ? ` max="${esc(q.max)}"` : ""} value="${esc(asText(value))}" ${aria}>`;
  }
}

const REQUIRED = '<span class="req">（必須）</span>';

function questionBlock(q: Question, index: number, survey: Survey, answers: Answers): string {
  const ids = [`err-${q.id}`];
  const hint = hintOf(q);
  const description = q.description ? `<p class="desc" id="desc-${esc(q.id)}">${lines(q.description)}</p>` : "";
  if (q.description) ids.push(`desc-${q.id}`);
  if (hint) ids.push(`hint-${q.id}`);
  if (q.showIf) ids.push(`cond-${q.id}`);
  const hintHtml = hint ? `<p class="hint" id="hint-${esc(q.id)}">${esc(hint)}</p>` : "";
  const error = `<p class="error" id="err-${esc(q.id)}" hidden></p>`;
  const title = `<span class="num">問${index + 1}</span> ${esc(q.title)}${q.required ? ` ${REQUIRED}` : ""}`;
  const showIf = q.showIf ? ` data-show-if="${esc(JSON.stringify(q.showIf))}"` : "";
  const head = `${conditionNote(q, survey.questions)}${description}${hintHtml}`;
  const grouped = q.type === "single" || q.type === "multiple" || q.type === "yesNo" || q.type === "rating";
  const body = grouped
    ? `<fieldset aria-describedby="${esc(ids.join(" "))}"><legend>${title}</legend>${head}${control(q, answers[q.id], ids.join(" "))}${error}</fieldset>`
    : `<label class="qtitle" for="f-${esc(q.id)}">${title}</label>${head}${control(q, answers[q.id], ids.join(" "))}${error}`;
  return `<div class="q" id="q-${esc(q.id)}" data-qid="${esc(q.id)}" data-type="${esc(q.type)}"${showIf}>${body}</div>`;
}

function statusText(r: SurveyPageInput["response"]): string {
  if (!r.survey.acceptsAnswers)
    return `<p class="notice closed">このアンケートは締め切られました。回答の送信・変更はできません。</p>`;
  if (r.status === "submitted")
    return `<p class="notice done">送信済みです。締切までは回答を変更して、もう一度送信できます。</p>`;
  if (r.status === "partial") return `<p class="notice">一時保存された回答があります（まだ送信されていません）。</p>`;
  return "";
}

export function renderSurveyPage(input: SurveyPageInput): string {
  const r = input.response;
  const s = r.survey;
  const open = s.acceptsAnswers;
  const body = `
<header class="top">
  ${s.schoolName ? `<p class="school">${esc(s.schoolName)}</p>` : ""}
  <h1>${esc(s.title)}</h1>
  <p class="en" lang="en">A survey from your child's school</p>
  ${r.about ? `<p class="about">${esc(r.about)}</p>` : ""}
  <p class="deadline">締切: <strong>${esc(jstDeadline(s.deadline))}</strong></p>
  ${s.anonymous ? '<p class="anon">このアンケートは無記名です。回答と個人は結び付けて集計されません。</p>' : ""}
</header>
${s.description ? `<section class="description"><p>${lines(s.description)}</p></section>` : ""}
<noscript><p class="notice warn">回答の送信には JavaScript が必要です。ブラウザの設定で JavaScript を有効にしてから、このページを開き直してください。</p></noscript>
<div id="status" role="status" aria-live="polite">${statusText(r)}</div>
<div id="summary" class="summary" role="alert" tabindex="-1" hidden></div>
<form id="survey-form" class="survey" data-api="${esc(input.apiPath)}" data-state="${esc(r.status)}" novalidate${open ? "" : ' aria-disabled="true"'}>
<fieldset class="all"${open ? "" : " disabled"}>
<legend class="visually-hidden">設問</legend>
${s.questions.map((q, i) => questionBlock(q, i, s, r.answers)).join("\n")}
</fieldset>
<p class="required-note">${REQUIRED} の付いた設問は回答が必要です。</p>
<div class="actions">
  <button type="button" id="save-draft" class="secondary" disabled>一時保存</button>
  <button type="submit" id="submit" class="primary" disabled>${r.status === "submitted" ? "変更して送信" : "送信する"}</button>
</div>
</form>
<footer class="foot"><p>このページは、お子さまの学校からのアンケートです。リンクはご家庭専用です。ほかの人に転送しないでください。</p></footer>`;
  return documentFrame({ title: `${s.title}${s.schoolName ? ` — ${s.schoolName}` : ""}`, body, script: open });
}

/** A page for a link that cannot be used (invalid, expired, used on another device, closed). */
export function renderLinkProblemPage(problem: { code: string; ja: string; en: string }): string {
  const advice: Record<string, string> = {
    SURVEY_LINK_USED:
      "同じリンクは、最初に開いた端末（スマートフォンなど）でだけ使えます。その端末で開き直すか、学校に新しいリンクの発行を依頼してください。",
    SURVEY_LINK_INVALID:
      "リンクが途中で切れていないか確認してください。解決しない場合は、学校に新しいリンクの発行を依頼してください。",
    SURVEY_LINK_EXPIRED: "締切を過ぎたため回答できません。ご不明な点は学校にお問い合わせください。",
    SURVEY_CLOSED: "このアンケートは締め切られました。ご不明な点は学校にお問い合わせください。",
    RATE_LIMITED: "しばらく待ってから、もう一度開いてください。",
  };
  const body = `
<header class="top"><h1>アンケートを開けません</h1><p class="en" lang="en">This survey link cannot be used</p></header>
<section class="problem" role="alert">
  <p><strong>${esc(problem.ja)}</strong></p>
  ${advice[problem.code] ? `<p>${esc(advice[problem.code])}</p>` : ""}
  <p class="en" lang="en">${esc(problem.en)}</p>
</section>`;
  return documentFrame({ title: "アンケートを開けません", body });
}

/**
 * A device that claimed the link comes back from another app (mail, LINE): its SameSite=Strict
 * cookie is not sent on that cross-site navigation. This page reloads itself from the same site
 * (a meta refresh, no script) so the cookie comes along; `c=1` marks the second try.
 */
export function renderReloadPage(selfPath: string): string {
  const target = `${selfPath}?c=1`;
  return documentFrame({
    title: "アンケートを開いています",
    head: `<meta http-equiv="refresh" content="0;url=${esc(target)}">\n`,
    body: `<p class="notice">アンケートを開いています… 切り替わらない場合は <a href="${esc(target)}">こちら</a> を押してください。</p>`,
  });
}
