import { createRoot } from "react-dom/client";
import { Root } from "./app/Root.js";
import { start } from "./boot/start.js";

const container = document.getElementById("root");
if (!container) throw new Error("#root is missing from index.html");
const root = createRoot(container);
void start().then((boot) => root.render(<Root boot={boot} />));
