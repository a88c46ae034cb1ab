/** The version of each material this browser last opened (for the 「新しい版があります」 banner). */
const key = (meetingId: string, materialId: string) => `komu.meetings.lastRead.${meetingId}.${materialId}`;

export function lastReadVersion(meetingId: string, materialId: string): number | null {
  try {
    const v = Number(localStorage.getItem(key(meetingId, materialId)));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function rememberRead(meetingId: string, materialId: string, version: number): void {
  try {
    localStorage.setItem(key(meetingId, materialId), String(version));
  } catch {
    // storage unavailable (private mode, a host's restrictions): the banner is only a hint
  }
}
