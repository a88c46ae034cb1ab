/**
 * Attendees' private notes and highlights on materials, anchored to page text and carried to new
 * versions: GET/PUT …/notes, and the `meetings.reanchor` effect (reanchorEffectHandler).
 */
import type { Endpoint } from "../../http/types.js";
import { getNotesEndpoint, putNotesEndpoint } from "./routes.js";

export {
  MEETINGS_REANCHOR_EFFECT,
  type ReanchorPayload,
  reanchorEffectHandler,
  reanchorNotes,
} from "./carry-effect.js";

export const notesEndpoints: readonly Endpoint[] = [getNotesEndpoint, putNotesEndpoint];
