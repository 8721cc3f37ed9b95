/**
 * TypeBox schemas of the games API (docs/api.md): the one source of its validation, its types (`Static<>`) and
 * its part of the OpenAPI document. Every object rejects unknown fields.
 */
import { Uuid } from '@amianai/shared/http';
import { type Static, Type } from '@sinclair/typebox';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const FormatSchema = Type.Union([Type.Literal('duel'), Type.Literal('group')]);
const Verdict = Type.Union([Type.Literal('human'), Type.Literal('ai')]);
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
  description: 'A share between 0 and 1; null when there is nothing to count yet',
});

export const JoinQueueBody = Type.Object(
  {
    personaId: Type.Optional(Uuid({ description: 'One of your human personas (default: your first one)' })),
    format: Type.Optional(FormatSchema),
  },
  { additionalProperties: false },
);
export type JoinQueueBody = Static<typeof JoinQueueBody>;

export const TicketView = Type.Object(
  {
    id: Uuid(),
    status: Type.Union([Type.Literal('waiting'), Type.Literal('matched'), Type.Literal('left')]),
    format: FormatSchema,
    personaId: Uuid(),
    queuedAt: DateTime,
    matchDeadline: Type.String({ format: 'date-time', description: 'You are matched by this time' }),
    conversationId: Nullable(Uuid({ description: "The round's conversation once matched" })),
  },
  { $id: 'Ticket', additionalProperties: false },
);
export type TicketView = Static<typeof TicketView>;

export const RoundView = Type.Object(
  {
    format: FormatSchema,
    phase: Type.Union([Type.Literal('live'), Type.Literal('voting'), Type.Literal('revealed')]),
    startsAt: DateTime,
    endsAt: DateTime,
    votingClosesAt: DateTime,
    myVotesSubmitted: Type.Boolean(),
  },
  { $id: 'Round', additionalProperties: false, description: 'null for chats' },
);
export type RoundView = Static<typeof RoundView>;

export const VoteInput = Type.Object(
  {
    personaId: Uuid({ description: "Another participant's seat, by the id the round shows" }),
    verdict: Verdict,
    confidence: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  },
  { additionalProperties: false },
);

export const VotesBody = Type.Object(
  {
    votes: Type.Array(VoteInput, {
      minItems: 1,
      maxItems: 8,
      description: 'One verdict per other participant: all of them, each once',
    }),
  },
  { additionalProperties: false },
);
export type VotesBody = Static<typeof VotesBody>;

export const VotesView = Type.Object(
  { conversationId: Uuid(), votes: Type.Array(VoteInput), round: RoundView },
  { $id: 'Votes', additionalProperties: false },
);
export type VotesView = Static<typeof VotesView>;

const Counts = Type.Object(
  { human: Type.Integer({ minimum: 0 }), ai: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);

export const ResultView = Type.Object(
  {
    conversationId: Uuid(),
    participants: Type.Array(
      Type.Object(
        {
          personaId: Uuid(),
          name: Type.String(),
          kind: Verdict,
          isMine: Type.Boolean(),
          judgedHuman: Type.Integer({ minimum: 0 }),
          judgedAi: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
    myVotes: Type.Array(
      Type.Object(
        { personaId: Uuid(), verdict: Verdict, correct: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
    score: Type.Object(
      {
        correct: Type.Integer({ minimum: 0 }),
        total: Type.Integer({ minimum: 0 }),
        points: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
    judgedAs: Counts,
    revealedAt: DateTime,
  },
  { $id: 'Result', additionalProperties: false },
);
export type ResultView = Static<typeof ResultView>;

const Accuracy = Type.Object(
  { verdicts: Type.Integer({ minimum: 0 }), correct: Type.Integer({ minimum: 0 }), accuracy: Rate },
  { additionalProperties: false },
);

export const MyStatsView = Type.Object(
  {
    rounds: Type.Integer({ minimum: 0 }),
    points: Type.Integer({ minimum: 0 }),
    overall: Accuracy,
    vsHumans: Accuracy,
    vsAis: Accuracy,
    judgedAs: Counts,
    judgedHumanRate: Rate,
    streaks: Type.Object(
      {
        current: Type.Integer({ minimum: 0, description: 'Rounds in a row with every verdict right' }),
        best: Type.Integer({ minimum: 0 }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'MyStats', additionalProperties: false },
);
export type MyStatsView = Static<typeof MyStatsView>;

export const GlobalStatsView = Type.Object(
  { rounds: Type.Integer({ minimum: 0 }), overall: Accuracy, vsHumans: Accuracy, vsAis: Accuracy },
  { $id: 'GlobalStats', additionalProperties: false },
);
export type GlobalStatsView = Static<typeof GlobalStatsView>;

export const LeaderboardQuery = Type.Object(
  {
    board: Type.Optional(
      Type.Union([Type.Literal('players'), Type.Literal('personas')], { default: 'players' }),
    ),
    period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('all')], { default: 'week' })),
  },
  { additionalProperties: false },
);
export type LeaderboardQuery = Static<typeof LeaderboardQuery>;

export const LeaderboardEntry = Type.Object(
  {
    rank: Type.Integer({ minimum: 1 }),
    id: Uuid({ description: 'The player (user) or the AI persona' }),
    name: Type.String(),
    rounds: Type.Integer({ minimum: 0 }),
    verdicts: Type.Integer({ minimum: 0 }),
    rate: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'players: share of verdicts right; personas: share of verdicts "human"',
    }),
    isMe: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const LeaderboardView = Type.Object(
  {
    board: Type.Union([Type.Literal('players'), Type.Literal('personas')]),
    period: Type.Union([Type.Literal('week'), Type.Literal('all')]),
    minimum: Type.Integer({ description: 'Rounds (players) or verdicts (personas) needed to be listed' }),
    items: Type.Array(LeaderboardEntry),
  },
  { $id: 'Leaderboard', additionalProperties: false },
);
export type LeaderboardView = Static<typeof LeaderboardView>;

export const PoolBody = Type.Object(
  { gamePool: Type.Boolean({ description: 'Enter the AI persona in the game’s AI seats' }) },
  { additionalProperties: false },
);

export const PersonaGameView = Type.Object(
  {
    personaId: Uuid(),
    gamePool: Type.Boolean(),
    rounds: Type.Integer({ minimum: 0 }),
    judgedAs: Counts,
    judgedHumanRate: Rate,
    history: Type.Array(
      Type.Object(
        {
          conversationId: Uuid(),
          revealedAt: DateTime,
          format: FormatSchema,
          judgedHuman: Type.Integer({ minimum: 0 }),
          judgedAi: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      { description: 'The latest revealed rounds, newest first' },
    ),
  },
  { $id: 'PersonaGameStats', additionalProperties: false },
);
export type PersonaGameView = Static<typeof PersonaGameView>;
