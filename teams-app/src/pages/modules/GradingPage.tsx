import { ComingSoon } from "../ComingSoon.js";

/** Route /grading. Replaced by the real module page when its issue lands. */
export default function GradingPage() {
  return <ComingSoon moduleKey="grading" />;
}
