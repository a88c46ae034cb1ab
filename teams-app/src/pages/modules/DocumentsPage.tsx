import { ComingSoon } from "../ComingSoon.js";

/** Route /documents. Replaced by the real module page when its issue lands. */
export default function DocumentsPage() {
  return <ComingSoon moduleKey="documents" />;
}
