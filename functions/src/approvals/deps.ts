/**
 * What the approvals module runs with (built by the app's createDeps; tests build it from the
 * local platform). The records module's deps are reused: staged uploads, blobs, numbering, filing.
 */
import type { Logger } from "../deps.js";
import type { GraphGateway } from "../graph/gateway.js";
import type { RecordsDeps } from "../records/deps.js";
import type { Storage } from "../storage/index.js";
import type { Committed } from "./decide/commit-transition.js";
import type { SigningKey } from "./pdf/sign-pdf.js";
import type { RoleDirectory } from "./role-directory.js";

export interface ApprovalsDeps {
  storage: Storage;
  graph: GraphGateway;
  records: RecordsDeps;
  /** Who holds a role in a school (Graph group membership `komu-<schoolId>-<role>`). */
  roles: RoleDirectory;
  clock: () => Date;
  logger: Logger;
  /** Runs after each committed transition: enqueues its outbox effects (cards, notices, filing). */
  publish?: (committed: Committed) => Promise<void>;
  /** A person's Teams id (29:…) when the bot knows it (refresh.userIds of their card). */
  teamsIdOf?: (oid: string) => Promise<string | undefined>;
  /** The organisation certificate that signs sealed PDFs (null: sealed unsigned). */
  signing?: SigningKey | null;
  /** An https link that opens an approval in the tab (the card's 文書を開く); none when unset. */
  openUrl?: (schoolId: string, approvalId: string) => string;
  /** Where to verify a sealed PDF (printed on the 決裁証明 page); none when unset. */
  verifyUrl?: string;
}
