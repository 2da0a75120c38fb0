/**
 * Schemas of the small bodies: app create, participant add / edit, kick, poll, and the empty body
 * of bodiless POSTs (kick-all, token refresh).
 */
import { arr, bool, nullable, obj, opt, req, type Schema, str, validate } from "./schema";

const appSchema: Schema = obj({ name: req(str({ nonEmpty: true })) });

const participantAddSchema: Schema = obj({
  custom_participant_id: req(str({ nonEmpty: true })),
  preset_name: req(str({ nonEmpty: true })),
  name: opt(nullable(str())),
  picture: opt(nullable(str({ format: "uri" }))),
});

const participantEditSchema: Schema = obj({
  name: opt(nullable(str())),
  picture: opt(nullable(str({ format: "uri" }))),
  preset_name: opt(nullable(str({ nonEmpty: true }))),
});

const kickSchema: Schema = obj({
  participant_ids: opt(arr(str())),
  custom_participant_ids: opt(arr(str())),
});

const pollSchema: Schema = obj({
  question: req(str({ nonEmpty: true })),
  options: req(arr(str({ nonEmpty: true }), { minItems: 1 })),
  anonymous: opt(bool()),
  hide_votes: opt(bool()),
});

const muteAllSchema: Schema = obj({ allow_unmute: req(bool()) });

const emptySchema: Schema = obj({});

/** A validated app create body. */
export interface AppBody {
  readonly name: string;
}

/** A validated participant add body. */
export interface ParticipantAddBody {
  readonly custom_participant_id: string;
  readonly preset_name: string;
  readonly name?: string | null;
  readonly picture?: string | null;
}

/** A validated participant edit body. */
export interface ParticipantEditBody {
  readonly name?: string | null;
  readonly picture?: string | null;
  readonly preset_name?: string | null;
}

/** A validated kick body. */
export interface KickBody {
  readonly participant_ids?: string[];
  readonly custom_participant_ids?: string[];
}

/** A validated poll body. */
export interface PollBody {
  readonly question: string;
  readonly options: string[];
  readonly anonymous?: boolean;
  readonly hide_votes?: boolean;
}

/** Validates `POST /apps`. */
export function validateAppBody(body: unknown): AppBody {
  return validate<AppBody>(appSchema, body);
}

/** Validates `POST …/participants`. */
export function validateParticipantAdd(body: unknown): ParticipantAddBody {
  return validate<ParticipantAddBody>(participantAddSchema, body);
}

/** Validates `PATCH …/participants/{id}`. */
export function validateParticipantEdit(body: unknown): ParticipantEditBody {
  return validate<ParticipantEditBody>(participantEditSchema, body);
}

/** Validates `POST …/active-session/kick`. */
export function validateKick(body: unknown): KickBody {
  return validate<KickBody>(kickSchema, body);
}

/** Validates `POST …/active-session/poll`. */
export function validatePoll(body: unknown): PollBody {
  return validate<PollBody>(pollSchema, body);
}

/** Validates `POST …/active-session/mute-all` (`allow_unmute` is required by the spec). */
export function validateMuteAll(body: unknown): { readonly allow_unmute: boolean } {
  return validate<{ readonly allow_unmute: boolean }>(muteAllSchema, body);
}

/** Validates the body of a bodiless POST: absent, or `{}`. */
export function validateEmptyBody(body: unknown): void {
  validate<Record<string, never>>(emptySchema, body);
}
