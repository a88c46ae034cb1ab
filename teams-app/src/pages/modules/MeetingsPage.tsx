import { ComingSoon } from "../ComingSoon.js";

/** Route /meetings. Replaced by the real module page when its issue lands. */
export default function MeetingsPage() {
  return <ComingSoon moduleKey="meetings" />;
}
