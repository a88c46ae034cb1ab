/**
 * The guardian page's script (served at /api/public/s.js; no inline script, so the CSP stays
 * `script-src 'self'`). Plain ES2017, no library:
 *  - on load, GET the JSON API (the first open claims the link for this device: cookie) and fill
 *    the saved answers; a link used on another device replaces the form with what to do;
 *  - shows/hides conditional questions (showIf, cascading like the server's visibleQuestionIds);
 *  - 一時保存 (submit: false) and 送信 (submit: true) with fetch (Content-Type: application/json and
 *    X-Komu-Link: 1, which a cross-site form cannot send); problems go next to their questions
 *    (aria-invalid, aria-describedby) and into a role="alert" summary that takes focus;
 *  - after sending, a clear 「送信しました」 and the answers stay editable until the deadline.
 */
export const PAGE_SCRIPT = `(function () {
  "use strict";
  var form = document.getElementById("survey-form");
  if (!form) return;
  var api = form.getAttribute("data-api");
  var statusEl = document.getElementById("status");
  var summary = document.getElementById("summary");
  var saveBtn = document.getElementById("save-draft");
  var submitBtn = document.getElementById("submit");
  var blocks = Array.prototype.slice.call(form.querySelectorAll(".q"));
  var busy = false;

  function text(el, s) { el.textContent = s; }
  function inputsOf(block) { return Array.prototype.slice.call(block.querySelectorAll("input, textarea")); }
  function idOf(block) { return block.getAttribute("data-qid"); }
  function typeOf(block) { return block.getAttribute("data-type"); }

  function valueOf(block) {
    var type = typeOf(block);
    var inputs = inputsOf(block);
    if (type === "single" || type === "yesNo" || type === "rating") {
      var on = inputs.filter(function (i) { return i.checked; })[0];
      if (!on) return undefined;
      if (type === "yesNo") return on.value === "yes";
      if (type === "rating") return Number(on.value);
      return on.value;
    }
    if (type === "multiple") {
      var vals = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      return vals.length ? vals : undefined;
    }
    var raw = inputs[0] ? inputs[0].value : "";
    if (type === "number") {
      var t = raw.trim().replace(/[０-９．－]/g, function (ch) {
        return ch === "．" ? "." : ch === "－" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
      });
      if (t === "") return undefined;
      return /^-?\\d+(\\.\\d+)?$/.test(t) ? Number(t) : { invalidNumber: raw };
    }
    return raw === "" ? undefined : raw;
  }

  function setValue(block, v) {
    var type = typeOf(block);
    inputsOf(block).forEach(function (i) {
      if (i.type === "radio" || i.type === "checkbox") {
        if (type === "yesNo") i.checked = v === (i.value === "yes");
        else if (type === "rating") i.checked = v === Number(i.value);
        else if (type === "multiple") i.checked = Array.isArray(v) && v.indexOf(i.value) >= 0;
        else i.checked = v === i.value;
      } else {
        i.value = v === undefined || v === null ? "" : String(v);
      }
    });
  }

  function holds(v, anyOf) {
    if (v === undefined) return false;
    if (typeof v === "boolean") return anyOf.indexOf(v ? "yes" : "no") >= 0;
    if (Array.isArray(v)) return v.some(function (x) { return anyOf.indexOf(x) >= 0; });
    return anyOf.indexOf(v) >= 0;
  }

  /** Which questions apply now (a question hidden by its condition hides its dependants too). */
  function refreshVisibility() {
    var visible = {};
    var values = {};
    blocks.forEach(function (b) {
      var rule = b.getAttribute("data-show-if");
      var show = true;
      if (rule) {
        try {
          var r = JSON.parse(rule);
          show = !!visible[r.questionId] && holds(values[r.questionId], r.anyOf);
        } catch (e) { show = true; }
      }
      b.hidden = !show;
      inputsOf(b).forEach(function (i) { i.disabled = !show; });
      if (show) { visible[idOf(b)] = true; values[idOf(b)] = valueOf(b); }
    });
    return visible;
  }

  function collect() {
    var visible = refreshVisibility();
    var answers = {};
    var local = [];
    blocks.forEach(function (b) {
      if (!visible[idOf(b)]) return;
      var v = valueOf(b);
      if (v && typeof v === "object" && !Array.isArray(v) && v.invalidNumber !== undefined) {
        local.push({ questionId: idOf(b), ja: "半角の数字で入力してください。" });
        return;
      }
      if (v !== undefined) answers[idOf(b)] = v;
    });
    return { answers: answers, local: local };
  }

  function clearProblems() {
    summary.hidden = true;
    summary.textContent = "";
    blocks.forEach(function (b) {
      b.classList.remove("invalid");
      var err = document.getElementById("err-" + idOf(b));
      if (err) { err.hidden = true; err.textContent = ""; }
      inputsOf(b).forEach(function (i) { i.removeAttribute("aria-invalid"); });
    });
  }

  function titleOf(block) {
    var t = block.querySelector("legend, .qtitle");
    return t ? t.textContent.replace("（必須）", "").trim() : idOf(block);
  }

  /** One message per question: "required" only when nothing more specific is wrong with it. */
  function byQuestion(problems) {
    var seen = {};
    var out = [];
    problems.forEach(function (p) {
      var other = problems.some(function (q) { return q.questionId === p.questionId && q.problem !== "required"; });
      if (p.problem === "required" && other) return;
      if (seen[p.questionId]) return;
      seen[p.questionId] = true;
      out.push(p);
    });
    return out;
  }

  function showProblems(problems, heading) {
    clearProblems();
    problems = byQuestion(problems);
    var list = document.createElement("ul");
    problems.forEach(function (p) {
      var block = document.getElementById("q-" + p.questionId);
      var li = document.createElement("li");
      if (block && !block.hidden) {
        block.classList.add("invalid");
        var err = document.getElementById("err-" + p.questionId);
        if (err) { err.textContent = p.ja; err.hidden = false; }
        inputsOf(block).forEach(function (i) { i.setAttribute("aria-invalid", "true"); });
        var a = document.createElement("a");
        a.href = "#q-" + p.questionId;
        a.textContent = titleOf(block) + ": " + p.ja;
        li.appendChild(a);
      } else {
        li.textContent = p.ja;
      }
      list.appendChild(li);
    });
    var h = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = heading;
    h.appendChild(strong);
    summary.appendChild(h);
    if (problems.length) summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  function showMessage(message) {
    clearProblems();
    var p = document.createElement("p");
    p.textContent = message;
    summary.appendChild(p);
    summary.hidden = false;
    summary.focus();
  }

  /** The link cannot be used here: replace the form with the server's message. */
  function stopWith(error) {
    form.hidden = true;
    statusEl.textContent = "";
    var advice = error.code === "SURVEY_LINK_USED"
      ? "同じリンクは、最初に開いた端末でだけ使えます。回答を変更したい場合は、学校に新しいリンクの発行を依頼してください。"
      : "";
    showMessage(error.message.ja + (advice ? " " + advice : ""));
  }

  function setBusy(on) {
    busy = on;
    saveBtn.disabled = on;
    submitBtn.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function showStatus(status, deadlineText) {
    statusEl.textContent = "";
    var p = document.createElement("p");
    p.className = "notice" + (status === "submitted" ? " done" : "");
    p.tabIndex = -1;
    if (status === "submitted") {
      var strong = document.createElement("strong");
      strong.textContent = "送信しました。ご協力ありがとうございました。";
      p.appendChild(strong);
      p.appendChild(document.createTextNode(" 締切" + deadlineText + "までは、下の回答を変更して「変更して送信」を押せば送り直せます。"));
      submitBtn.textContent = "変更して送信";
    } else if (status === "partial") {
      p.textContent = "一時保存しました（まだ送信されていません）。締切までに「送信する」を押してください。";
    } else {
      return;
    }
    statusEl.appendChild(p);
    return p;
  }

  var deadlineEl = document.querySelector(".deadline strong");
  var deadlineText = deadlineEl ? "（" + deadlineEl.textContent + "）" : "";

  function request(method, body) {
    var init = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body) {
      init.headers["Content-Type"] = "application/json";
      init.headers["X-Komu-Link"] = "1";
      init.body = JSON.stringify(body);
    }
    return fetch(api, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { ok: res.ok, status: res.status, json: json }; });
    });
  }

  function save(submit) {
    if (busy) return;
    var c = collect();
    if (c.local.length) { showProblems(c.local, "入力内容を確認してください（まだ保存されていません）。"); return; }
    setBusy(true);
    request("PUT", { answers: c.answers, submit: submit }).then(function (r) {
      setBusy(false);
      if (r.ok) {
        clearProblems();
        var note = showStatus(r.json.status, deadlineText);
        if (note) note.focus();
        return;
      }
      var e = (r.json && r.json.error) || { code: "", message: { ja: "送信できませんでした。通信状況を確認して、もう一度お試しください。" } };
      if (e.code === "SURVEY_ANSWER_INVALID") {
        showProblems((e.details && e.details.problems) || [], e.message.ja);
      } else if (e.code === "SURVEY_LINK_USED" || e.code === "SURVEY_LINK_INVALID" || e.code === "SURVEY_LINK_EXPIRED") {
        stopWith(e);
      } else {
        showMessage(e.message.ja);
      }
    }, function () {
      setBusy(false);
      showMessage("送信できませんでした。通信状況を確認して、もう一度お試しください（回答はまだ保存されていません）。");
    });
  }

  form.addEventListener("change", function () { refreshVisibility(); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); save(true); });
  saveBtn.addEventListener("click", function () { save(false); });
  refreshVisibility();

  // Open the link for this device (the first open claims it) and fill the saved answers.
  request("GET").then(function (r) {
    if (!r.ok) {
      var e = (r.json && r.json.error) || { code: "", message: { ja: "読み込めませんでした。ページを開き直してください。" } };
      stopWith(e);
      return;
    }
    var answers = r.json.answers || {};
    blocks.forEach(function (b) { if (answers.hasOwnProperty(idOf(b))) setValue(b, answers[idOf(b)]); });
    refreshVisibility();
    if (r.json.survey && r.json.survey.acceptsAnswers) { saveBtn.disabled = false; submitBtn.disabled = false; }
  }, function () {
    showMessage("読み込めませんでした。通信状況を確認して、ページを開き直してください。");
  });
})();
`;
