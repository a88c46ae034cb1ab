/// <reference lib="dom" />
/**
 * The local Teams client page: dev sign-in as a seeded user, then a Teams-like layout — top bar
 * (theme switcher, sign-out), left rail (Kōmu's chat + static tabs), the tab in an iframe hosted by
 * TeamsJsHost (teams-js protocol, see host.ts) or the chat pane (chat.ts), live via SSE.
 */
import acCss from "adaptivecards/lib/adaptivecards.css";
import { ApiError, api, type ChatState, type Me } from "./api.js";
import { ChatPane } from "./chat.js";
import { TeamsJsHost, type Theme } from "./host.js";

const THEME_KEY = "komu-teams-theme";
const CHAT = "conversations";

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

async function main(): Promise<void> {
  const style = document.createElement("style");
  style.textContent = acCss;
  document.head.append(style);
  const app = document.getElementById("app") as HTMLElement;
  try {
    const me = await api<Me>("GET", "/teams/api/me");
    await shell(app, me);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return signIn(app);
    app.textContent = `エラー / Error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function signIn(app: HTMLElement): Promise<void> {
  const { groups } = await api<{
    groups: {
      name: string;
      users: { id: string; displayName: string; userPrincipalName: string; jobTitle: string }[];
    }[];
  }>("GET", "/teams/api/users");
  const select = h("select", { id: "user", "aria-label": "ユーザー" });
  for (const g of groups) {
    const og = h("optgroup", { label: g.name });
    for (const u of g.users)
      og.append(h("option", { value: u.id }, `${u.displayName}（${u.jobTitle || "—"}）${u.userPrincipalName}`));
    select.append(og);
  }
  const password = h("input", {
    type: "password",
    id: "password",
    "aria-label": "パスワード",
    autocomplete: "current-password",
  });
  const error = h("p", { class: "error-text", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, "サインイン");
  const form = h(
    "form",
    { class: "signin" },
    h("h1", {}, "Microsoft Teams（ローカル）にサインイン"),
    h(
      "p",
      {},
      "青葉町のテスト用ユーザーを選び、開発用パスワードを入力してください。 / Pick a seeded user and enter the dev password.",
    ),
    h("div", { class: "row" }, h("label", { for: "user" }, "ユーザー"), select),
    h("div", { class: "row" }, h("label", { for: "password" }, "パスワード"), password, submit),
    error,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("POST", "/teams/api/session", { userId: select.value, password: password.value });
      location.reload();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  });
  app.replaceChildren(form);
  if (groups.length === 0)
    error.textContent = "ユーザーがいません（シードを読み込んでください）。 / No users — load the seed.";
}

async function shell(app: HTMLElement, me: Me): Promise<void> {
  let theme: Theme = (localStorage.getItem(THEME_KEY) as Theme | null) ?? "default";
  document.documentElement.dataset.theme = theme;
  let current = CHAT;
  let token: { value: string; until: number } | undefined;

  const themeSelect = h("select", { "aria-label": "テーマ" });
  for (const [v, label] of [
    ["default", "ライト"],
    ["dark", "ダーク"],
    ["contrast", "ハイコントラスト"],
  ] as const) {
    const o = h("option", { value: v }, label);
    if (v === theme) o.selected = true;
    themeSelect.append(o);
  }
  const signOut = h("button", { type: "button" }, "サインアウト");
  signOut.addEventListener("click", async () => {
    await api("DELETE", "/teams/api/session");
    location.reload();
  });
  const uninstall = h(
    "button",
    {
      type: "button",
      title:
        "Kōmu をこのユーザーから削除します（ボットの送信は 403 になります）。もう一度開くと再インストールされます。",
    },
    "アプリを削除",
  );
  uninstall.addEventListener("click", async () => {
    if (!confirm("Kōmu を削除しますか？ / Remove Kōmu?")) return;
    await api("POST", "/teams/api/uninstall");
    location.reload();
  });
  const topbar = h(
    "div",
    { class: "topbar" },
    h("span", { class: "title" }, "Teams（ローカル）"),
    h("span", { class: "spacer" }),
    h("span", {}, `${me.user.displayName}（${me.user.userPrincipalName}）`),
    themeSelect,
    uninstall,
    signOut,
  );

  const rail = h("nav", { class: "rail", "aria-label": "Kōmu" }, h("div", { class: "app" }, "Kōmu 校務"));
  const banner = h("div", { class: "banner", hidden: "" });
  const iframe = h("iframe", { title: "Kōmu タブ", allow: "clipboard-write" });
  const chatRoot = h("div", { class: "chat" });
  const content = h("main", { class: "content" }, banner, iframe, chatRoot);
  app.replaceChildren(
    h(
      "div",
      { id: "app-inner", style: "display:flex;flex-direction:column;height:100%" },
      topbar,
      h("div", { class: "main" }, rail, content),
    ),
  );

  const chatBadge = h("span", { class: "badge", hidden: "" });
  const chat = new ChatPane(chatRoot, (n) => {
    chatBadge.textContent = String(n);
    if (n > 0) chatBadge.removeAttribute("hidden");
    else chatBadge.setAttribute("hidden", "");
  });
  chat.setTheme(theme);
  chat.mount();

  const buttons = new Map<string, HTMLButtonElement>();
  const addRail = (id: string, label: string, extra?: Node) => {
    const b = h("button", { type: "button" }, h("span", {}, label));
    if (extra) b.append(extra);
    b.addEventListener("click", () => open(id));
    buttons.set(id, b);
    rail.append(b);
  };
  addRail(CHAT, "チャット", chatBadge);
  for (const t of me.tabs) addRail(t.entityId, t.name);

  const tabOrigin = new URL(me.komuOrigin).origin;
  const host = new TeamsJsHost({
    iframe,
    tabOrigin,
    user: { id: me.user.id, displayName: me.user.displayName, userPrincipalName: me.user.userPrincipalName },
    tenantId: me.tenantId,
    appId: me.appId,
    getTheme: () => theme,
    getEntityId: () => current,
    async getToken() {
      if (token && token.until > Date.now()) return token.value;
      const t = await api<{ token: string; expiresIn: number }>("POST", "/teams/api/token");
      token = { value: t.token, until: Date.now() + (t.expiresIn - 300) * 1000 };
      return t.token;
    },
    onStatus(s) {
      if (s.kind === "failed") {
        banner.className = "banner error";
        banner.textContent = `タブの初期化に失敗しました / The tab reported a failure: ${s.message ?? ""}`;
        banner.removeAttribute("hidden");
      } else if (s.kind === "ready") {
        banner.setAttribute("hidden", "");
      }
    },
    onNavigate: (entityId) => open(entityId),
  });

  function open(id: string): void {
    current = id;
    for (const [k, b] of buttons) b.setAttribute("aria-current", k === id ? "page" : "false");
    const tab = me.tabs.find((t) => t.entityId === id);
    if (!tab) {
      iframe.setAttribute("hidden", "");
      banner.setAttribute("hidden", "");
      chatRoot.removeAttribute("hidden");
      chat.setVisible(true);
      return;
    }
    chat.setVisible(false);
    chatRoot.setAttribute("hidden", "");
    iframe.removeAttribute("hidden");
    host.reset();
    banner.className = "banner";
    banner.textContent = `読み込み中… ${tab.contentUrl}`;
    banner.removeAttribute("hidden");
    iframe.src = tab.contentUrl;
  }

  themeSelect.addEventListener("change", () => {
    theme = themeSelect.value as Theme;
    localStorage.setItem(THEME_KEY, theme);
    document.documentElement.dataset.theme = theme;
    chat.setTheme(theme);
    host.sendTheme(theme);
  });

  // Live updates first, then the history (duplicates are merged by activity id).
  const events = new EventSource("/teams/api/events");
  events.addEventListener("activity", (e) => chat.onEvent(JSON.parse((e as MessageEvent<string>).data)));
  const state = await api<ChatState>("GET", "/teams/api/chat");
  chat.load(state);
  open(CHAT);
  if (state.removed) {
    const add = h("button", { type: "button", class: "primary" }, "Kōmu を追加 / Add Kōmu");
    add.addEventListener("click", async () => {
      const again = await api<ChatState>("POST", "/teams/api/install");
      chat.load(again);
      banner.setAttribute("hidden", "");
    });
    banner.className = "banner";
    banner.replaceChildren("Kōmu は削除されています（ボットからの送信は 403 になります）。 ", add);
    banner.removeAttribute("hidden");
  }
  if (state.botError) {
    banner.className = "banner error";
    banner.textContent =
      state.botError.status === 502
        ? "ボットに接続できません。Kōmu は起動していますか？ / The bot is unreachable — is Kōmu running?"
        : `ボットがエラーを返しました (${state.botError.status})。Kōmu のログを確認してください。 / The bot answered ${state.botError.status}.`;
    banner.removeAttribute("hidden");
  }
}

void main();
