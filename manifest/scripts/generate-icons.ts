/** Regenerates manifest/appPackage/{color,outline}.png. Run: npx tsx manifest/scripts/generate-icons.ts */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { drawColorIcon, drawOutlineIcon } from "../src/icons.js";
import { encodePng } from "../src/png.js";

const dir = fileURLToPath(new URL("../appPackage/", import.meta.url));
writeFileSync(`${dir}color.png`, encodePng(192, 192, drawColorIcon(192)));
writeFileSync(`${dir}outline.png`, encodePng(32, 32, drawOutlineIcon(32)));
console.log(`icons written to ${dir}`);
