/** Route /approvals: 承認 (電子決裁, issue 5), its own lazy chunk; the detail, drafting and verification views are further chunks. */
export { default } from "../../approvals/ApprovalsPage.js";
