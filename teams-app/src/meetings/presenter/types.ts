/** Where someone is in the meeting's materials. */
export interface PresenterPosition {
  materialId: string;
  page: number;
}

/** What each participant shares through Live Share: their position and their name (shown as 「○○さんが発表中」). */
export interface SharedPosition extends PresenterPosition {
  name: string;
}

/**
 * Where the local user stands:
 *   connecting · solo (nobody presents) · presenting · following (in step with the presenter) ·
 *   notFollowing (someone presents; the user has not chosen to follow) · away (stepped away) · error.
 */
export type PresenterMode = "connecting" | "solo" | "presenting" | "following" | "notFollowing" | "away" | "error";

/** The user's own choice, kept by the app (Live Share makes everyone follow a presenter by default). */
export type FollowChoice = "none" | "follow" | "away";

export interface PresenterSnapshot {
  mode: PresenterMode;
  /** What this user's viewer should show (null while connecting). */
  position: PresenterPosition | null;
  /** Someone else presenting, and where they are. */
  presenter: { name: string; position: PresenterPosition } | null;
  /** Other participants connected (the presenter's audience when presenting). */
  others: number;
  /** Why the session failed (mode "error"). */
  error?: string;
}

/** Presenter mode for one meeting (Live Share's follow mode underneath; see live-share-session.ts). */
export interface PresenterSession {
  /** Connects to the meeting's shared session, starting from `initial`. */
  join(meetingKey: string, initial: PresenterPosition): Promise<void>;
  /** 発表する: the others who follow see this user's position. */
  present(): Promise<void>;
  /** 発表を終了 */
  stop(): Promise<void>;
  /** This user moved (the presenter turns the page; anyone else: their own position). */
  update(position: PresenterPosition): Promise<void>;
  /** 発表者に合わせる */
  follow(): Promise<void>;
  /** 自分で見る: stay where the viewer is and stop following. */
  stepAway(): Promise<void>;
  /** 戻る: follow the presenter again. */
  rejoin(): Promise<void>;
  snapshot(): PresenterSnapshot;
  subscribe(listener: (snapshot: PresenterSnapshot) => void): () => void;
  leave(): void;
}
