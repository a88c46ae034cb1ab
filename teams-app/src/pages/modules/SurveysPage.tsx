import { ComingSoon } from "../ComingSoon.js";

/** Route /surveys. Replaced by the real module page when its issue lands. */
export default function SurveysPage() {
  return <ComingSoon moduleKey="surveys" />;
}
