import {
  Body1,
  Button,
  Caption1,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  ToolbarDivider,
  tokens,
} from "@fluentui/react-components";
import type { Material, MeetingView, Note } from "@komu/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { pickErrorMessage } from "../../api/errors.js";
import { useLang } from "../../app/useLang.js";
import { useLoad } from "../../app/useLoad.js";
import { ViewHeading } from "../../app/ViewHeading.js";
import { PdfViewer } from "../../approvals/pdf/PdfViewer.js";
import { ErrorPanel } from "../../pages/ErrorPanel.js";
import { lastReadVersion, rememberRead } from "../common/last-read.js";
import { useMeetings } from "../common/MeetingsContext.js";
import { draftNote, searchPages, selectionAnchor } from "../model/anchors.js";
import { newerThanRead } from "../model/materials.js";
import { type HighlightRect, layerText, quoteRects } from "./highlights.js";
import { NotesPanel } from "./NotesPanel.js";
import { useNotes } from "./useNotes.js";
import { useReadReporting } from "./useReadReporting.js";

const useStyles = makeStyles({
  wrap: { display: "grid", gap: tokens.spacingVerticalM, minWidth: 0 },
  head: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "center" },
  layout: {
    display: "grid",
    gap: tokens.spacingHorizontalL,
    gridTemplateColumns: "minmax(0, 1fr) minmax(16rem, 22rem)",
    alignItems: "start",
    "@media (max-width: 1023px)": { gridTemplateColumns: "minmax(0, 1fr)" },
  },
  side: { display: "grid", gap: tokens.spacingVerticalM, maxHeight: "75vh", overflowY: "auto", minWidth: 0 },
  search: { display: "grid", gap: tokens.spacingVerticalXS },
  results: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalXXS },
  result: { justifyContent: "start", textAlign: "start", height: "auto", minHeight: "32px", flexGrow: 1 },
  hit: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  overlay: { position: "absolute", inset: 0, pointerEvents: "none" },
  yellow: { backgroundColor: tokens.colorPaletteYellowBackground3, opacity: 0.45 },
  green: { backgroundColor: tokens.colorPaletteGreenBackground3, opacity: 0.4 },
  blue: { backgroundColor: tokens.colorPaletteBlueBackground2, opacity: 0.4 },
  pink: { backgroundColor: tokens.colorPaletteBerryBackground3, opacity: 0.4 },
  mark: { position: "absolute", borderRadius: tokens.borderRadiusSmall },
  noteMark: {
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: "transparent",
  },
});

/**
 * A material opened inline (everyone invited): pdf.js with page navigation and keys, search in
 * the material's text, private notes and highlights (select text → 「ハイライト」/「メモ」, or a
 * note on the page), highlights drawn over the text layer, pages seen reported to the chair.
 */
export default function MaterialViewer(props: { meeting: MeetingView; material: Material }) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const { api, openMeeting, announce } = useMeetings();
  const { meeting, material } = props;
  const [content, reloadContent] = useLoad(() => api.content(meeting.id, material.id), [api, meeting.id, material.id]);
  const [text] = useLoad(() => api.text(meeting.id, material.id), [api, meeting.id, material.id, material.version]);
  const notes = useNotes(api, meeting.id, material.id);
  const reportPage = useReadReporting(api, meeting.id, material.id);
  const [previous] = useState(() => lastReadVersion(meeting.id, material.id));
  useEffect(() => rememberRead(meeting.id, material.id, material.version), [meeting.id, material.id, material.version]);

  const [page, setPage] = useState(1);
  const [request, setRequest] = useState<{ page: number; seq: number } | null>(null);
  const goTo = useCallback((p: number) => setRequest((r) => ({ page: p, seq: (r?.seq ?? 0) + 1 })), []);
  const onPageChange = useCallback(
    (p: number) => {
      setPage(p);
      reportPage(p);
    },
    [reportPage],
  );

  // Text layers as built (for highlights and as the page text when the server's is not there).
  const layers = useRef(new Map<number, HTMLElement>());
  const [layerTick, setLayerTick] = useState(0);
  const onTextLayer = useCallback((p: number, layer: HTMLElement) => {
    layers.current.set(p, layer);
    setLayerTick((n) => n + 1);
  }, []);
  const pageText = useCallback(
    (p: number): string => {
      if (text.status === "ok" && text.data.version === material.version && text.data.pages[p - 1] !== undefined)
        return text.data.pages[p - 1] as string;
      const layer = layers.current.get(p);
      return layer ? layerText(layer) : "";
    },
    [text, material.version],
  );

  // The last selection made in the pages (buttons in the toolbar keep it).
  const root = useRef<HTMLDivElement>(null);
  const selection = useRef<{ page: number; text: string } | null>(null);
  useEffect(() => {
    const onChange = () => {
      const sel = document.getSelection();
      const node = sel?.anchorNode;
      const el = node ? (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement) : null;
      const figure = el?.closest<HTMLElement>("[data-page-number]");
      if (!figure || !root.current?.contains(figure)) return;
      const value = sel?.toString() ?? "";
      selection.current = value.trim() ? { page: Number(figure.dataset.pageNumber), text: value } : null;
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, []);

  const focusNote = (id: string) => requestAnimationFrame(() => document.getElementById(`note-text-${id}`)?.focus());
  const addFromSelection = (kind: Note["kind"], chosen?: { page: number; text: string }) => {
    const sel = chosen ?? selection.current;
    if (!sel) {
      announce(t("meetings.viewer.selectFirst"));
      return;
    }
    const anchor = selectionAnchor(pageText(sel.page), sel.page, sel.text);
    if (!anchor) return;
    const note = draftNote(kind, anchor, material.version, new Date().toISOString());
    notes.change((list) => [...list, note]);
    selection.current = null;
    document.getSelection()?.removeAllRanges();
    announce(kind === "highlight" ? t("meetings.viewer.highlighted") : t("meetings.viewer.noteAdded"));
    if (kind === "note") focusNote(note.id);
  };
  const addPageNote = () => {
    const note = draftNote(
      "note",
      { page, quote: "", prefix: "", suffix: "" },
      material.version,
      new Date().toISOString(),
    );
    notes.change((list) => [...list, note]);
    focusNote(note.id);
  };

  // Highlight rectangles per page, measured on the text layers.
  const [rects, setRects] = useState(
    new Map<number, { id: string; kind: Note["kind"]; color: Note["color"]; rects: HighlightRect[] }[]>(),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: layerTick says a text layer was (re)built
  useEffect(() => {
    const out = new Map<number, { id: string; kind: Note["kind"]; color: Note["color"]; rects: HighlightRect[] }[]>();
    for (const n of notes.notes ?? []) {
      if (n.state === "orphaned" || !n.anchor.quote) continue;
      const layer = layers.current.get(n.anchor.page);
      if (!layer) continue;
      const found = quoteRects(layer, n.anchor.quote);
      if (found.length === 0) continue;
      const list = out.get(n.anchor.page) ?? [];
      list.push({ id: n.id, kind: n.kind, color: n.color, rects: found });
      out.set(n.anchor.page, list);
    }
    setRects(out);
  }, [notes.notes, layerTick]);
  const renderOverlay = useCallback(
    (p: number) => {
      const list = rects.get(p);
      if (!list?.length) return null;
      return (
        <div className={styles.overlay} aria-hidden="true" data-testid="highlights" data-page={p}>
          {list.flatMap((h) =>
            h.rects.map((r, i) => (
              <span
                // biome-ignore lint/suspicious/noArrayIndexKey: a highlight's rectangles have no other identity
                key={`${h.id}-${i}`}
                data-note-id={h.id}
                className={`${styles.mark} ${h.kind === "highlight" ? styles[h.color] : styles.noteMark}`}
                style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
              />
            )),
          )}
        </div>
      );
    },
    [rects, styles],
  );

  // Search in the material's text (the server's per-page text, else the built text layers).
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState<string | null>(null);
  const hits = useMemo(() => {
    if (!searched) return [];
    const count = text.status === "ok" ? text.data.pages.length : Math.max(0, ...layers.current.keys());
    return searchPages(
      Array.from({ length: count }, (_, i) => pageText(i + 1)),
      searched,
    );
  }, [searched, text, pageText]);

  const isNewer = newerThanRead(material.version, previous);
  return (
    <div className={styles.wrap} ref={root} data-testid="material-viewer" data-material-id={material.id}>
      <div className={styles.head}>
        <Button appearance="subtle" onClick={() => openMeeting(meeting.id, "agenda")} data-testid="viewer-back">
          {t("meetings.viewer.back")}
        </Button>
        <ViewHeading id="material-title">{material.title}</ViewHeading>
        <Caption1>{t("meetings.material.version", { version: material.version })}</Caption1>
      </div>
      {isNewer && (
        <MessageBar intent="warning" layout="multiline" data-testid="viewer-newer">
          <MessageBarBody>
            {t("meetings.viewer.newer", { version: material.version, previous: previous ?? 0 })}
            {material.changeNote ? ` ${t("meetings.materials.changeNoteShown", { note: material.changeNote })}` : ""}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.layout}>
        <div>
          {content.status === "error" ? (
            <ErrorPanel error={content.error} onRetry={reloadContent} />
          ) : (
            <PdfViewer
              data={content.status === "ok" ? content.data.blob : null}
              title={material.title}
              height="72vh"
              announce={announce}
              onPageChange={onPageChange}
              pageRequest={request}
              renderOverlay={renderOverlay}
              onTextLayer={onTextLayer}
              toolbarEnd={
                <>
                  <ToolbarDivider />
                  <Button size="small" onClick={() => addFromSelection("highlight")} data-testid="viewer-highlight">
                    {t("meetings.viewer.highlight")}
                  </Button>
                  <Button size="small" onClick={() => addFromSelection("note")} data-testid="viewer-note">
                    {t("meetings.viewer.note")}
                  </Button>
                  <Button size="small" onClick={addPageNote} data-testid="viewer-page-note">
                    {t("meetings.viewer.pageNote", { page })}
                  </Button>
                </>
              }
            />
          )}
          <Caption1>{t("meetings.viewer.selectHint")}</Caption1>
        </div>
        <div className={styles.side}>
          <form
            className={styles.search}
            onSubmit={(e) => {
              e.preventDefault();
              setSearched(query.trim() || null);
            }}
          >
            <Input
              type="search"
              aria-label={t("meetings.viewer.search")}
              placeholder={t("meetings.viewer.search")}
              value={query}
              onChange={(_, d) => setQuery(d.value)}
              contentAfter={
                <Button size="small" appearance="transparent" type="submit">
                  {t("meetings.viewer.searchButton")}
                </Button>
              }
              data-testid="viewer-search"
            />
            {searched && (
              <Body1 role="status">{t("meetings.viewer.hits", { count: hits.length, query: searched })}</Body1>
            )}
            {hits.length > 0 && (
              <ul className={styles.results} data-testid="viewer-hits">
                {hits.map((h) => (
                  <li key={h.page} className={styles.hit}>
                    <Button size="small" appearance="subtle" className={styles.result} onClick={() => goTo(h.page)}>
                      {t("meetings.notes.page", { page: h.page })}: {h.snippet}
                    </Button>
                    <Button
                      size="small"
                      aria-label={t("meetings.viewer.highlightHitLabel", { page: h.page, query: searched ?? "" })}
                      onClick={() => {
                        goTo(h.page);
                        addFromSelection("highlight", { page: h.page, text: h.match });
                      }}
                      data-testid="viewer-hit-highlight"
                    >
                      {t("meetings.viewer.highlight")}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </form>
          {notes.loadError !== null && notes.notes === null && (
            <ErrorPanel error={notes.loadError} onRetry={notes.reload} />
          )}
          {notes.notes === null && notes.loadError === null && <Spinner size="tiny" label={t("app.loading")} />}
          {notes.save === "error" && (
            <MessageBar intent="error" role="alert" layout="multiline">
              <MessageBarBody>
                {t("meetings.notes.saveFailed")} {pickErrorMessage(notes.saveError, lang)}
              </MessageBarBody>
              <Button size="small" onClick={() => void notes.retry()}>
                {t("meetings.notes.retry")}
              </Button>
            </MessageBar>
          )}
          {notes.save === "saving" && <Caption1>{t("meetings.notes.saving")}</Caption1>}
          {notes.save === "saved" && <Caption1 data-testid="notes-saved">{t("meetings.notes.saved")}</Caption1>}
          {notes.notes && (
            <NotesPanel
              notes={notes.notes}
              currentPage={page}
              onGo={goTo}
              onEdit={(id, value) =>
                notes.change((list) =>
                  list.map((n) => (n.id === id ? { ...n, text: value, updatedAt: new Date().toISOString() } : n)),
                )
              }
              onDelete={(id) => {
                notes.change((list) => list.filter((n) => n.id !== id));
                announce(t("meetings.notes.deleted"));
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}
