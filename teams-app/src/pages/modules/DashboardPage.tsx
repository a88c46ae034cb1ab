import { ComingSoon } from "../ComingSoon.js";

/** Route /dashboard. Replaced by the real module page when its issue lands. */
export default function DashboardPage() {
  return <ComingSoon moduleKey="dashboard" />;
}
