/// <reference lib="dom" />
/**
 * The "Kōmu" chat pane: the user's 1:1 conversation with the bot. Messages and Adaptive Cards
 * (rendered with the `adaptivecards` package); Action.Execute → invoke `adaptiveCard/action`
 * (trigger "manual") through the tenant, the invoke response's card replaces the card for this
 * user; a card whose `refresh.userIds` contains the viewer's Teams id (or that has no userIds, as
 * in any chat of ≤ 60 people) is refreshed automatically (trigger "automatic") once per version;
 * messages the bot updates (PUT) are replaced in place when the SSE event arrives.
 */
import * as AC from "adaptivecards";
import { api, type ChatActivity, type ChatState, type InvokeReply } from "./api.js";
import type { Theme } from "./host.js";

const CARD = "application/vnd.microsoft.card.adaptive";

interface CardJson {
  type?: string;
  refresh?: {
    action?: { type?: string; verb?: string; data?: Record<string, unknown>; id?: string };
    userIds?: string[];
  };
  [k: string]: unknown;
}

interface Entry {
  activity: ChatActivity;
  /** The card the bot returned for this user (invoke / refresh), for the current version. */
  userView?: CardJson;
  /** Version (lastModified or timestamp) already auto-refreshed. */
  refreshedVersion?: string;
  error?: string;
  busy?: boolean;
}

export function hostConfigFor(theme: Theme): AC.HostConfig {
  const dark = theme !== "default";
  const fg = theme === "contrast" ? "#FFFFFF" : dark ? "#FFFFFF" : "#242424";
  const subtle = theme === "contrast" ? "#FFFF00" : dark ? "#ADADAD" : "#616161";
  const bg = theme === "contrast" ? "#000000" : dark ? "#333333" : "#FFFFFF";
  const color = (d: string, s: string) => ({ default: d, subtle: s });
  return new AC.HostConfig({
    fontFamily: '"Segoe UI", "Yu Gothic UI", Meiryo, system-ui, sans-serif',
    supportsInteractivity: true,
    containerStyles: {
      default: {
        backgroundColor: bg,
        foregroundColors: {
          default: color(fg, subtle),
          accent: color(dark ? "#7F85F5" : "#5B5FC7", "#8B8CC7"),
          good: color(dark ? "#92C353" : "#237B4B", "#237B4B"),
          warning: color(dark ? "#F8D22A" : "#835C00", "#835C00"),
          attention: color(dark ? "#F9526B" : "#C4314B", "#C4314B"),
        },
      },
      emphasis: { backgroundColor: dark ? "#1F1F1F" : "#F5F5F5", foregroundColors: { default: color(fg, subtle) } },
    },
    actions: {
      actionsOrientation: "horizontal",
      actionAlignment: "left",
      buttonSpacing: 8,
      maxActions: 6,
      spacing: "default",
      showCard: { actionMode: "inline" },
    },
  });
}

/** The small Markdown subset Teams renders in cards: **bold**, _italic_, [links](https://…), line breaks. */
export function miniMarkdown(text: string): string {
  const escaped = text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );
  return escaped
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1<em>$2</em>")
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>')
    .replace(/\n/g, "<br>");
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = miniMarkdown(text);
  result.didProcess = true;
};

export class ChatPane {
  private entries: Entry[] = [];
  private list!: HTMLElement;
  private viewerTeamsId = "";
  private theme: Theme = "default";

  constructor(
    private readonly root: HTMLElement,
    private readonly onUnread: (n: number) => void,
  ) {}

  private visible = false;
  private unread = 0;

  mount(): void {
    this.root.innerHTML = "";
    const chat = el("div", "chat");
    const header = el("header");
    header.textContent = "Kōmu — チャット";
    this.list = el("div", "messages");
    this.list.setAttribute("role", "log");
    this.list.setAttribute("aria-live", "polite");
    const composer = el("form", "composer");
    const input = document.createElement("textarea");
    input.placeholder = "メッセージを入力 (Enter で送信) / Type a message";
    input.setAttribute("aria-label", "メッセージ");
    const send = document.createElement("button");
    send.type = "submit";
    send.textContent = "送信";
    composer.append(input, send);
    composer.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.send(input);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.send(input);
      }
    });
    chat.append(header, this.list, composer);
    this.root.append(chat);
    this.render();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) {
      this.unread = 0;
      this.onUnread(0);
      this.scrollToEnd();
    }
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.render();
  }

  load(state: ChatState): void {
    this.viewerTeamsId = state.viewerTeamsId;
    for (const a of state.activities) this.upsert(a, false);
    this.render();
    this.autoRefreshAll();
  }

  /** An SSE activity event. */
  onEvent(event: { kind: string; activity: ChatActivity }): void {
    const isNew = this.upsert(event.activity, true);
    if (isNew && !this.visible && event.activity.from.id !== this.viewerTeamsId) {
      this.unread++;
      this.onUnread(this.unread);
    }
    this.render();
    this.autoRefreshAll();
  }

  private upsert(activity: ChatActivity, live: boolean): boolean {
    const existing = this.entries.find((e) => e.activity.id === activity.id);
    if (!existing) {
      this.entries.push({ activity });
      this.entries.sort(
        (a, b) =>
          Number(a.activity.id) - Number(b.activity.id) || a.activity.timestamp.localeCompare(b.activity.timestamp),
      );
      return true;
    }
    const changed =
      version(existing.activity) !== version(activity) || !!activity.deleted !== !!existing.activity.deleted;
    existing.activity = activity;
    if (changed && live) {
      // The shared card changed for everyone: drop this user's view; refresh decides again.
      existing.userView = undefined;
      existing.error = undefined;
    }
    return false;
  }

  private cardOf(entry: Entry): CardJson | undefined {
    if (entry.userView) return entry.userView;
    const att = entry.activity.attachments?.find((a) => a.contentType === CARD);
    return att?.content as CardJson | undefined;
  }

  private autoRefreshAll(): void {
    for (const entry of this.entries) {
      if (entry.activity.deleted || entry.userView) continue;
      const card = this.cardOf(entry);
      const refresh = card?.refresh;
      const action = refresh?.action;
      if (!refresh || !action || action.type !== "Action.Execute" || !action.verb) continue;
      const userIds = refresh.userIds;
      if (Array.isArray(userIds) && !userIds.includes(this.viewerTeamsId)) continue;
      const v = version(entry.activity);
      if (entry.refreshedVersion === v) continue;
      entry.refreshedVersion = v;
      void this.invoke(entry, { verb: action.verb, data: action.data ?? {}, id: action.id ?? "" }, "automatic");
    }
  }

  private async invoke(
    entry: Entry,
    action: { verb: string; data: Record<string, unknown>; id?: string },
    trigger: "manual" | "automatic",
  ): Promise<void> {
    entry.busy = trigger === "manual";
    this.render();
    try {
      const reply = await api<InvokeReply>("POST", "/teams/api/invoke", {
        activityId: entry.activity.id,
        action,
        trigger,
      });
      const body = (reply.body ?? {}) as { statusCode?: number; type?: string; value?: unknown };
      const statusCode = body.statusCode ?? reply.status;
      if (reply.status >= 200 && reply.status < 300 && statusCode === 200 && body.type === CARD && body.value) {
        entry.userView = body.value as CardJson;
        entry.error = undefined;
      } else if (statusCode === 200 && body.type === "application/vnd.microsoft.activity.message") {
        entry.error = String(body.value ?? "");
      } else {
        const message = (body.value as { message?: string } | undefined)?.message;
        entry.error = message ?? `ボットがエラーを返しました (${statusCode}) / The bot answered ${statusCode}`;
      }
    } catch (e) {
      entry.error = e instanceof Error ? e.message : String(e);
    } finally {
      entry.busy = false;
      this.render();
    }
  }

  private async send(input: HTMLTextAreaElement): Promise<void> {
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    try {
      await api("POST", "/teams/api/messages", { text });
    } catch (e) {
      input.value = text;
      alert(e instanceof Error ? e.message : String(e));
    }
  }

  private render(): void {
    if (!this.list) return;
    const atEnd = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40;
    this.list.innerHTML = "";
    if (this.entries.length === 0) {
      const empty = el("p", "meta");
      empty.textContent = "まだメッセージはありません。 / No messages yet.";
      this.list.append(empty);
    }
    for (const entry of this.entries) this.list.append(this.renderEntry(entry));
    if (atEnd) this.scrollToEnd();
  }

  private scrollToEnd(): void {
    if (this.list) this.list.scrollTop = this.list.scrollHeight;
  }

  private renderEntry(entry: Entry): HTMLElement {
    const a = entry.activity;
    const mine = a.from.id === this.viewerTeamsId;
    const box = el("div", `msg${mine ? " me" : ""}${a.deleted ? " deleted" : ""}`);
    box.dataset.activityId = a.id;
    const meta = el("div", "meta");
    const when = new Date(a.timestamp).toLocaleString("ja-JP", {
      timeZone: "Asia/Tokyo",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    meta.textContent = `${mine ? "あなた" : (a.from.name ?? "Kōmu")} · ${when}${a.lastModified && !a.deleted ? " · 編集済み" : ""}`;
    box.append(meta);
    if (a.deleted) {
      const b = el("div", "bubble");
      b.textContent = "このメッセージは削除されました。 / This message was deleted.";
      box.append(b);
      return box;
    }
    if (a.text) {
      const b = el("div", "bubble");
      b.textContent = a.text;
      box.append(b);
    }
    const cardAttachment = a.attachments?.find((x) => x.contentType === CARD);
    if (cardAttachment) {
      const holder = el("div", "card");
      holder.setAttribute("aria-busy", entry.busy ? "true" : "false");
      holder.append(this.renderCard(entry, this.cardOf(entry) ?? {}));
      box.append(holder);
      if (entry.error) {
        const err = el("div", "card-error");
        err.textContent = entry.error;
        box.append(err);
      }
    }
    for (const other of a.attachments ?? []) {
      // text/html is the rich copy of the message text Teams sends along; the text is shown above.
      if (other.contentType === CARD || other.contentType === "text/html") continue;
      const b = el("div", "bubble");
      b.textContent = `[${other.contentType}]`;
      box.append(b);
    }
    return box;
  }

  private renderCard(entry: Entry, json: CardJson): HTMLElement {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfigFor(this.theme);
    card.onExecuteAction = (action) => {
      if (entry.busy) return;
      if (action instanceof AC.ExecuteAction) {
        void this.invoke(
          entry,
          { verb: action.verb, data: (action.data ?? {}) as Record<string, unknown>, id: action.id ?? "" },
          "manual",
        );
      } else if (action instanceof AC.OpenUrlAction && action.url) {
        window.open(action.url, "_blank", "noopener");
      } else if (action instanceof AC.SubmitAction) {
        entry.error = "Action.Submit はこのクライアントでは未対応です（Action.Execute を使ってください）。";
        this.render();
      }
    };
    try {
      card.parse(json);
      const rendered = card.render();
      if (rendered) return rendered;
    } catch (e) {
      console.error("card render failed", e);
    }
    const fallback = el("div", "bubble");
    fallback.textContent = "カードを表示できません。 / The card could not be rendered.";
    return fallback;
  }
}

function version(a: ChatActivity): string {
  return a.lastModified ?? a.timestamp;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}
