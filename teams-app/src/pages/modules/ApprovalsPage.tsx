import { ComingSoon } from "../ComingSoon.js";

/** Route /approvals. Replaced by the real module page when its issue lands. */
export default function ApprovalsPage() {
  return <ComingSoon moduleKey="approvals" />;
}
