import { ComingSoon } from "../ComingSoon.js";

/** Route /notices. Replaced by the real module page when its issue lands. */
export default function NoticesPage() {
  return <ComingSoon moduleKey="notices" />;
}
