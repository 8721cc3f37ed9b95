// The app's names for the API's shapes. Every shape comes from the generated ./schema.d.ts (from the OpenAPI
// document, `npm run api-types`), so a change in the API changes these types or fails the type check.
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'delete';

/** Templates of the API paths that answer `M`, e.g. '/api/personas/{id}' for 'get'. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of the operation's success answer (undefined for 204 No Content). */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? {
        [S in keyof R]: S extends 200 | 201 | 202
          ? R[S] extends { content: { 'application/json': infer J } }
            ? J
            : never
          : S extends 204
            ? undefined
            : never;
      }[keyof R]
    : never;
export type BodyOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
export type QueryOf<P extends keyof paths, M extends Method> = NonNullable<
  Operation<P, M>['parameters']['query']
>;
export type PathParamsOf<P extends keyof paths, M extends Method> = NonNullable<
  Operation<P, M>['parameters']['path']
>;

export type PersonaOwnerView = Schemas['PersonaOwnerView'];
export type PersonaPublicView = Schemas['PersonaPublicView'];
/**
 * A persona as either view: other users' personas arrive without the owner-only fields (game integrity),
 * and most screens work with both, so those fields are optional here.
 */
export type Persona = PersonaPublicView & Partial<Omit<PersonaOwnerView, keyof PersonaPublicView>>;
export type PersonaKind = PersonaOwnerView['kind'];
export type Visibility = PersonaOwnerView['visibility'];
export type AiSettings = Schemas['AiSettings'];
export type PersonalityTraits = Persona['personality']['traits'];
export type PersonaInput = BodyOf<'/api/personas', 'post'>;
export type PersonaUpdate = BodyOf<'/api/personas/{id}', 'put'>;
export type PersonaFilters = QueryOf<'/api/personas', 'get'>;

export type Conversation = Schemas['Conversation'];
export type Participant = Conversation['participants'][number];
export type ConversationStatus = Conversation['status'];
export type ConversationInput = BodyOf<'/api/conversations', 'post'>;
export type ConversationFilters = QueryOf<'/api/conversations', 'get'>;

export type Message = Schemas['Message'];
export type MessagePage = ResponseOf<'/api/conversations/{id}/messages', 'get'>;
export type TypingEntry = MessagePage['typing'][number];
/** Someone asked you (one of your personas) to reply. */
export type ReplyRequestEntry = MessagePage['requests'][number];
export type MessageInput = BodyOf<'/api/conversations/{id}/messages', 'post'>;

export type Me = ResponseOf<'/api/me', 'get'>;
export type User = Me['user'];

export type Usage = Schemas['Usage'];
export type UsageTotals = Usage['today'];
export type ModelUsage = Usage['byModel'][number];
export type PersonaUsage = Usage['byPersona'][number];

export type DatabaseStatus = Schemas['DatabaseStatus'];
export type MigrationResult = Schemas['MigrationResult'];
export type SeedResult = Schemas['SeedResult'];

export type ApiErrorBody = Schemas['Error'];

// The game ("Am I an AI?"): queue tickets, rounds, votes, results, stats.
export type Ticket = Schemas['Ticket'];
export type Round = Schemas['Round'];
export type GameFormat = Round['format'];
export type RoundPhase = Round['phase'];
export type VoteInput = BodyOf<'/api/games/{id}/votes', 'post'>;
export type Verdict = VoteInput['votes'][number]['verdict'];
export type GameResult = Schemas['Result'];
export type MyStats = Schemas['MyStats'];
export type GlobalStats = Schemas['GlobalStats'];
export type Accuracy = GlobalStats['overall'];
export type Leaderboard = Schemas['Leaderboard'];
export type LeaderboardQuery = QueryOf<'/api/leaderboard', 'get'>;
export type PersonaGame = Schemas['PersonaGameStats'];

/** Every list answer: one page and the cursor of the next (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
