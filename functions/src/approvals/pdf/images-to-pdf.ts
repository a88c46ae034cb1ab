import { KomuError } from "@komu/shared";
import { degrees, PDFDocument, type PDFImage } from "pdf-lib";
import { jpegOrientation } from "./jpeg-orientation.js";
import { type ImageInput, PDF_LIMITS } from "./types.js";

const A4: [number, number] = [595.28, 841.89];

const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/**
 * Scans and photos → one A4 page each (portrait or landscape as the image is, after a JPEG's
 * EXIF orientation), the image fitted and centred. The content decides the type, not the
 * declared media type; anything else is IMAGE_INVALID.
 */
export const imagesToPdf = async (images: ImageInput[]): Promise<Uint8Array> => {
  if (images.length === 0) throw new KomuError("VALIDATION_FAILED", { details: { reason: "no images" } });
  if (images.length > PDF_LIMITS.maxImages)
    throw new KomuError("PDF_TOO_LARGE", { details: { images: images.length, maxImages: PDF_LIMITS.maxImages } });
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const [index, { bytes }] of images.entries()) {
    if (bytes.byteLength > PDF_LIMITS.maxImageBytes)
      throw new KomuError("PDF_TOO_LARGE", { details: { index, bytes: bytes.byteLength } });
    let image: PDFImage;
    let quarterTurns = 0;
    try {
      if (isPng(bytes)) image = await doc.embedPng(bytes);
      else if (isJpeg(bytes)) {
        image = await doc.embedJpg(bytes);
        quarterTurns = jpegOrientation(bytes);
      } else throw new Error("neither PNG nor JPEG");
    } catch (cause) {
      throw new KomuError("IMAGE_INVALID", { details: { index }, cause });
    }
    // Displayed size after the EXIF rotation (quarterTurns clockwise).
    const turned = quarterTurns % 2 === 1;
    const shownW = turned ? image.height : image.width;
    const shownH = turned ? image.width : image.height;
    const [pw, ph] = shownW > shownH ? [A4[1], A4[0]] : A4;
    const scale = Math.min(pw / shownW, ph / shownH);
    const page = doc.addPage([pw, ph]);
    const w = image.width * scale;
    const h = image.height * scale;
    const left = (pw - shownW * scale) / 2;
    const bottom = (ph - shownH * scale) / 2;
    // pdf-lib rotates about the image's lower-left corner (counter-clockwise degrees).
    const placement = [
      { x: left, y: bottom, deg: 0 },
      { x: left, y: bottom + shownH * scale, deg: -90 },
      { x: left + w, y: bottom + h, deg: 180 },
      { x: left + shownW * scale, y: bottom, deg: 90 },
    ][quarterTurns % 4] ?? { x: left, y: bottom, deg: 0 };
    page.drawImage(image, {
      x: placement.x,
      y: placement.y,
      width: w,
      height: h,
      rotate: degrees(placement.deg),
    });
  }
  return doc.save();
};
