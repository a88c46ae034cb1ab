import { type MyResponse, Question } from "@komu/shared";
import { describe, expect, it } from "vitest";
import { jstDeadline, PAGE_CSP } from "./html.js";
import { renderLinkProblemPage, renderReloadPage, renderSurveyPage } from "./render-page.js";
import { PAGE_SCRIPT } from "./script.js";

const questions = [
  {
    id: "qa",
    type: "single",
    title: "<b>出欠</b>",
    required: true,
    choices: [
      { id: "y", label: "出席 & 参加" },
      { id: "n", label: "欠席" },
    ],
  },
  { id: "qb", type: "number", title: "人数", min: 1, max: 5, showIf: { questionId: "qa", anyOf: ["y"] } },
  { id: "qc", type: "longText", title: "自由記述", maxLength: 300, description: "一行目\n二行目" },
  { id: "qd", type: "rating", title: "満足度", scale: 4, lowLabel: "不満", highLabel: "満足" },
].map((q) => Question.parse(q));

const response = (over: Partial<MyResponse> = {}): MyResponse => ({
  survey: {
    id: "s12345678",
    schoolId: "aoba-e",
    schoolName: "青葉小学校",
    title: "面談 <script>alert(1)</script>",
    description: "説明",
    questions,
    anonymous: false,
    deadline: "2026-12-01T09:00:00.000Z",
    acceptsAnswers: true,
    answerInForms: false,
    formUrl: null,
  },
  about: "1年1組 和田 澪 さんについて",
  answers: {},
  status: "none",
  submittedAt: null,
  updatedAt: null,
  ...over,
});

describe("the guardian page", () => {
  it("escapes what the school wrote and keeps every script out of the HTML", () => {
    const html = renderSurveyPage({ response: response(), apiPath: "/api/public/surveys/v1.x.y" });
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("面談 &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;出欠&lt;/b&gt;");
    expect(html).toContain("出席 &amp; 参加");
    expect(html).toContain('<script src="/api/public/s.js" defer></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/ style=| on[a-z]+=/);
  });

  it("labels every control, groups choices with a legend, marks required in text and explains conditions", () => {
    const html = renderSurveyPage({ response: response(), apiPath: "/x" });
    expect(html).toMatch(
      /<fieldset aria-describedby="err-qa"><legend><span class="num">問1<\/span> &lt;b&gt;出欠&lt;\/b&gt; <span class="req">（必須）<\/span><\/legend>/,
    );
    expect(html).toContain('<label class="qtitle" for="f-qb">');
    expect(html).toContain('id="f-qb" name="a_qb" inputmode="numeric"');
    expect(html).toContain("1〜5");
    expect(html).toContain("「&lt;b&gt;出欠&lt;/b&gt;」で「出席 &amp; 参加」と答えた方のみ");
    expect(html).toContain(
      `data-show-if="${"{&quot;questionId&quot;:&quot;qa&quot;,&quot;anyOf&quot;:[&quot;y&quot;]}"}"`,
    );
    expect(html).toContain('maxlength="300"');
    expect(html).toContain("一行目<br>二行目");
    expect(html).toContain("1 = 不満");
    expect(html).toContain("2026年12月1日(火) 18:00");
    expect(html).toContain("JavaScript が必要です");
  });

  it("shows saved answers checked, and a closed survey read-only without the script", () => {
    const html = renderSurveyPage({
      response: response({ answers: { qa: "y", qb: 3, qd: 2 }, status: "submitted" }),
      apiPath: "/x",
    });
    expect(html).toMatch(/value="y" checked/);
    expect(html).not.toMatch(/value="n" checked/);
    expect(html).toContain('value="3"');
    expect(html).toContain("送信済みです");
    const closed = renderSurveyPage({
      response: response({ survey: { ...response().survey, acceptsAnswers: false } }),
      apiPath: "/x",
    });
    expect(closed).toContain('<fieldset class="all" disabled>');
    expect(closed).toContain("締め切られました");
    expect(closed).not.toContain("<script");
  });

  it("problem and reload pages name no one and say what to do", () => {
    const used = renderLinkProblemPage({ code: "SURVEY_LINK_USED", ja: "使われています", en: "used" });
    expect(used).toContain("学校に新しいリンクの発行を依頼してください");
    const reload = renderReloadPage("/api/public/s/v1.a.b");
    expect(reload).toContain('<meta http-equiv="refresh" content="0;url=/api/public/s/v1.a.b?c=1">');
  });

  it("runs under a CSP without inline script, and its script parses", () => {
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain("unsafe");
    expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
    expect(jstDeadline("2026-03-31T15:00:00.000Z")).toBe("2026年4月1日(水) 00:00");
  });
});
