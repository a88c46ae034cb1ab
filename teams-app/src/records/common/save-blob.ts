import type { BlobAnswer } from "../../api/client.js";

/** Save a downloaded file with the browser's download (the name from the server, else the fallback). */
export function saveBlob(answer: BlobAnswer, fallbackName: string): void {
  const url = URL.createObjectURL(answer.blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = answer.fileName ?? fallbackName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Open a file in a new browser tab (PDFs and images show inline). Returns false when the window
 * could not be opened (pop-up blocked, or a host that forbids it); the caller then downloads.
 */
export function openBlob(answer: BlobAnswer, target: Window | null): boolean {
  if (!target) return false;
  const url = URL.createObjectURL(answer.blob);
  target.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  return true;
}
