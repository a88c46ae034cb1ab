import {
  Button,
  Caption1,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Toolbar,
  ToolbarDivider,
  tokens,
} from "@fluentui/react-components";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PdfPage } from "./PdfPage.js";
import { usePdfDocument } from "./usePdfDocument.js";
import { clampPage, fitWidth, mostVisible, parsePageInput, viewerKey, zoomIn, zoomOut } from "./viewer-model.js";

const useStyles = makeStyles({
  viewer: {
    display: "grid",
    gridTemplateRows: "auto 1fr",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    minHeight: "320px",
  },
  toolbar: {
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  pageInput: { width: "4.5em" },
  pages: {
    overflow: "auto",
    display: "grid",
    justifyItems: "center",
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingVerticalL,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  status: { padding: tokens.spacingVerticalL },
});

export interface PdfViewerProps {
  /** The PDF's bytes (fetched by the caller with the signed-in user's token). */
  data: Blob | ArrayBuffer | null;
  /** What the document is, for the viewer's accessible name ("起案文書.pdf"). */
  title: string;
  /** Height of the page area (CSS), e.g. "70vh". */
  height?: string;
  /** Announce page or zoom changes in the page's live region. */
  announce?: (text: string) => void;
  /** Called with the page most in view whenever it changes (and once when the document opens). */
  onPageChange?: (page: number) => void;
  /** Scroll to this page when the request changes (a new `seq` repeats the same page). */
  pageRequest?: { page: number; seq: number } | null;
  /** Drawn over each page's canvas, under its text layer (highlights); positioned by the caller in CSS pixels. */
  renderOverlay?: (page: number) => ReactNode;
  /** Called after a page's text layer is (re)built, with its container (for measuring text positions). */
  onTextLayer?: (page: number, layer: HTMLElement) => void;
  /** Extra toolbar content (after the zoom buttons). */
  toolbarEnd?: ReactNode;
}

/**
 * The inline PDF viewer: all pages in one scrolling area (canvas + text layer each), a toolbar
 * with previous/next, a page number field, zoom out/in, 100 % and fit to width. Keys inside the
 * page area: n/p (or j/k) next/previous page, + / - / 0 zoom, Ctrl+Home/End first/last page.
 */
export function PdfViewer(props: PdfViewerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const state = usePdfDocument(props.data);
  if (!props.data || state.status === "loading") {
    return (
      <div className={styles.viewer} data-testid="pdf-viewer">
        <Spinner className={styles.status} label={t("approvals.pdf.loading")} />
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <MessageBar intent="error" data-testid="pdf-viewer-error">
        <MessageBarBody>{t(`approvals.pdf.error.${state.reason}`)}</MessageBarBody>
      </MessageBar>
    );
  }
  return <LoadedViewer {...props} doc={state.doc} firstPageWidth={state.firstPageWidth} />;
}

function LoadedViewer(props: PdfViewerProps & { doc: PDFDocumentProxy; firstPageWidth: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { doc, announce } = props;
  const count = doc.numPages;
  const area = useRef<HTMLElement>(null);
  const nodes = useRef(new Map<number, HTMLElement>());
  const ratios = useRef(new Map<number, number>());
  const [current, setCurrent] = useState(1);
  const [pageText, setPageText] = useState("1");
  const [zoom, setZoom] = useState(1);
  const [estimate, setEstimate] = useState({ width: props.firstPageWidth, height: props.firstPageWidth * Math.SQRT2 });
  const pageInputId = useId();
  const areaId = useId();

  // Fit page 1 to the width available when the document opens.
  useEffect(() => {
    let live = true;
    void doc.getPage(1).then((p) => {
      if (!live) return;
      const vp = p.getViewport({ scale: 1 });
      setEstimate({ width: vp.width, height: vp.height });
      const available = (area.current?.clientWidth ?? 800) - 48;
      setZoom(Math.min(1.5, fitWidth(available, vp.width)));
    });
    return () => {
      live = false;
    };
  }, [doc]);

  const onRatio = useCallback((page: number, ratio: number) => {
    ratios.current.set(page, ratio);
    const best = mostVisible(ratios.current);
    if (best !== null) {
      setCurrent(best);
      setPageText(String(best));
    }
  }, []);
  const registerNode = useCallback((page: number, node: HTMLElement | null) => {
    if (node) nodes.current.set(page, node);
    else nodes.current.delete(page);
  }, []);

  const goTo = (page: number) => {
    const target = clampPage(page, count);
    nodes.current.get(target)?.scrollIntoView({ block: "start" });
    setCurrent(target);
    setPageText(String(target));
    announce?.(t("approvals.pdf.pageLabel", { page: target, count }));
  };
  const setZoomTo = (next: number) => {
    setZoom(next);
    announce?.(t("approvals.pdf.zoomAnnounce", { percent: Math.round(next * 100) }));
  };
  const { onPageChange, pageRequest } = props;
  useEffect(() => {
    onPageChange?.(current);
  }, [current, onPageChange]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request scrolls (goTo changes every render)
  useEffect(() => {
    if (pageRequest) goTo(pageRequest.page);
  }, [pageRequest]);
  const fit = () => setZoomTo(fitWidth((area.current?.clientWidth ?? 800) - 48, estimate.width));

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const action = viewerKey(e);
    if (!action) return;
    e.preventDefault();
    if (action === "next") goTo(current + 1);
    else if (action === "previous") goTo(current - 1);
    else if (action === "first") goTo(1);
    else if (action === "last") goTo(count);
    else if (action === "zoomIn") setZoomTo(zoomIn(zoom));
    else if (action === "zoomOut") setZoomTo(zoomOut(zoom));
    else setZoomTo(1);
  };

  const pages = Array.from({ length: count }, (_, i) => i + 1);
  return (
    <div className={styles.viewer} data-testid="pdf-viewer" data-page-count={count}>
      <Toolbar aria-label={t("approvals.pdf.toolbar")} aria-controls={areaId} className={styles.toolbar} size="small">
        <Button size="small" disabled={current <= 1} onClick={() => goTo(current - 1)}>
          {t("approvals.pdf.previous")}
        </Button>
        <Input
          id={pageInputId}
          size="small"
          className={styles.pageInput}
          aria-label={t("approvals.pdf.pageInput", { count })}
          value={pageText}
          onChange={(_, d) => setPageText(d.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            const page = parsePageInput(pageText, count);
            if (page === null) setPageText(String(current));
            else goTo(page);
          }}
          onBlur={() => setPageText(String(current))}
          data-testid="pdf-page-input"
        />
        <Caption1 aria-hidden="true">/ {count}</Caption1>
        <Button size="small" disabled={current >= count} onClick={() => goTo(current + 1)}>
          {t("approvals.pdf.next")}
        </Button>
        <ToolbarDivider />
        <Button size="small" aria-label={t("approvals.pdf.zoomOut")} onClick={() => setZoomTo(zoomOut(zoom))}>
          −
        </Button>
        <Caption1 aria-live="off" data-testid="pdf-zoom">
          {Math.round(zoom * 100)}%
        </Caption1>
        <Button size="small" aria-label={t("approvals.pdf.zoomIn")} onClick={() => setZoomTo(zoomIn(zoom))}>
          +
        </Button>
        <Button size="small" onClick={() => setZoomTo(1)}>
          {t("approvals.pdf.actualSize")}
        </Button>
        <Button size="small" onClick={fit}>
          {t("approvals.pdf.fitWidth")}
        </Button>
        {props.toolbarEnd}
      </Toolbar>
      <section
        ref={area}
        id={areaId}
        aria-label={t("approvals.pdf.areaLabel", { title: props.title })}
        aria-describedby={`${areaId}-keys`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling page area takes focus so the keyboard can scroll it and use the viewer keys
        tabIndex={0}
        className={styles.pages}
        style={{ height: props.height ?? "70vh" }}
        onKeyDown={onKeyDown}
        data-testid="pdf-pages"
      >
        <span id={`${areaId}-keys`} hidden>
          {t("approvals.pdf.keys")}
        </span>
        {pages.map((n) => (
          <PdfPage
            key={n}
            doc={doc}
            pageNumber={n}
            count={count}
            zoom={zoom}
            estimate={estimate}
            onRatio={onRatio}
            registerNode={registerNode}
            {...(props.renderOverlay ? { overlay: props.renderOverlay(n) } : {})}
            {...(props.onTextLayer ? { onTextLayer: props.onTextLayer } : {})}
          />
        ))}
      </section>
    </div>
  );
}
