import { makeStyles, tokens } from "@fluentui/react-components";
import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadPdfJs } from "./pdfjs.js";
import "./text-layer.css";

const useStyles = makeStyles({
  page: {
    position: "relative",
    margin: 0,
    marginInline: "auto",
    backgroundColor: "#ffffff",
    boxShadow: tokens.shadow8,
    scrollMarginBlockStart: tokens.spacingVerticalM,
  },
  canvas: { position: "absolute", inset: 0, width: "100%", height: "100%", display: "block" },
});

/** Up to this many pages, every page's text layer is built at once (browser find covers the whole document). */
export const EAGER_TEXT_PAGES = 60;

/** CSS pixels per PDF point at 100 %. */
const CSS_UNITS = 96 / 72;

/**
 * One page: a placeholder of the right size until it comes near the view, then the canvas and
 * the text layer (transparent text over the glyphs: read by screen readers, found by Ctrl+F).
 * Text is laid out for every page of a document up to EAGER_TEXT_PAGES pages, even far ones, so
 * that find works across it; a longer one gets its text as pages come near (memory stays bounded).
 */
export function PdfPage(props: {
  doc: PDFDocumentProxy;
  pageNumber: number;
  count: number;
  zoom: number;
  /** Width/height of page 1 at 100 %, for the placeholder before this page's own size is known. */
  estimate: { width: number; height: number };
  onRatio: (page: number, ratio: number) => void;
  registerNode: (page: number, node: HTMLElement | null) => void;
  /** Drawn between the canvas and the text layer (e.g. highlights). */
  overlay?: ReactNode;
  /** Called after the text layer is built. */
  onTextLayer?: (page: number, layer: HTMLElement) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const wrapper = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [near, setNear] = useState(props.pageNumber <= 2);
  const { doc, pageNumber, zoom, onRatio, registerNode } = props;
  const scale = zoom * CSS_UNITS;
  const onTextLayerRef = useRef(props.onTextLayer);
  onTextLayerRef.current = props.onTextLayer;

  useEffect(() => {
    const node = wrapper.current;
    registerNode(pageNumber, node);
    if (!node) return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          onRatio(pageNumber, e.isIntersecting ? e.intersectionRatio : 0);
          if (e.isIntersecting) setNear(true);
        }
      },
      { rootMargin: "600px 0px", threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    observer.observe(node);
    return () => {
      observer.disconnect();
      registerNode(pageNumber, null);
    };
  }, [pageNumber, onRatio, registerNode]);

  // Size and text layer (every page), canvas (pages near the view).
  useEffect(() => {
    let live = true;
    let render: RenderTask | null = null;
    let text: { cancel(): void } | null = null;
    (async () => {
      const pdfjs = await loadPdfJs();
      const page = await doc.getPage(pageNumber);
      if (!live) return;
      const viewport = page.getViewport({ scale });
      setSize({ width: viewport.width, height: viewport.height });
      const layer = textLayer.current;
      if (layer && (near || props.count <= EAGER_TEXT_PAGES)) {
        layer.replaceChildren();
        const tl = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: layer, viewport });
        text = tl;
        await tl.render();
        if (live) onTextLayerRef.current?.(pageNumber, layer);
      }
      const target = canvas.current;
      if (!near || !target || !live) return;
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      target.width = Math.floor(viewport.width * ratio);
      target.height = Math.floor(viewport.height * ratio);
      render = page.render({
        canvas: target,
        viewport,
        ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
      });
      await render.promise;
    })().catch((e: unknown) => {
      if (e instanceof Error && e.name === "RenderingCancelledException") return;
      if (live) console.warn("pdf page", pageNumber, e);
    });
    return () => {
      live = false;
      render?.cancel();
      text?.cancel();
    };
  }, [doc, pageNumber, scale, near, props.count]);

  const width = size?.width ?? props.estimate.width * scale;
  const height = size?.height ?? props.estimate.height * scale;
  const style = { width, height, "--total-scale-factor": String(scale) } as CSSProperties;
  return (
    <figure
      ref={wrapper}
      aria-label={t("approvals.pdf.pageLabel", { page: pageNumber, count: props.count })}
      className={`komu-pdf-page ${styles.page}`}
      style={style}
      data-page-number={pageNumber}
    >
      <canvas ref={canvas} className={styles.canvas} />
      {props.overlay}
      <div ref={textLayer} className="textLayer" />
    </figure>
  );
}
