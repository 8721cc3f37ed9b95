// The games API (docs/api.md): typed calls and shapes, on the app's one API client.
import type { Api } from '../api/endpoints';
import type { Conversation } from '../api/types';

export type Format = 'duel' | 'group';
export type Verdict = 'human' | 'ai';

export interface Ticket {
  id: string;
  status: 'waiting' | 'matched' | 'left';
  format: Format;
  personaId: string;
  queuedAt: string;
  matchDeadline: string;
  conversationId: string | null;
}

export interface Round {
  format: Format;
  phase: 'live' | 'voting' | 'revealed';
  startsAt: string;
  endsAt: string;
  votingClosesAt: string;
  myVotesSubmitted: boolean;
}

export type RoundConversation = Conversation & { round: Round | null };

export interface Result {
  conversationId: string;
  participants: Array<{
    personaId: string;
    name: string;
    kind: Verdict;
    isMine: boolean;
    judgedHuman: number;
    judgedAi: number;
  }>;
  myVotes: Array<{ personaId: string; verdict: Verdict; correct: boolean }>;
  score: { correct: number; total: number; points: number };
  judgedAs: { human: number; ai: number };
}

export interface Accuracy {
  verdicts: number;
  correct: number;
  accuracy: number | null;
}

export interface MyStats {
  rounds: number;
  points: number;
  overall: Accuracy;
  vsHumans: Accuracy;
  vsAis: Accuracy;
  judgedAs: { human: number; ai: number };
  judgedHumanRate: number | null;
  streaks: { current: number; best: number };
}

export interface GlobalStats {
  rounds: number;
  overall: Accuracy;
  vsHumans: Accuracy;
  vsAis: Accuracy;
}

export interface Leaderboard {
  board: 'players' | 'personas';
  period: 'week' | 'all';
  minimum: number;
  items: Array<{
    rank: number;
    id: string;
    name: string;
    rounds: number;
    verdicts: number;
    rate: number;
    isMe: boolean;
  }>;
}

export interface PersonaGame {
  personaId: string;
  gamePool: boolean;
  rounds: number;
  judgedAs: { human: number; ai: number };
  judgedHumanRate: number | null;
}

const id = (value: string) => encodeURIComponent(value);

export function gamesApi(api: Api) {
  const { client } = api;
  return {
    join: (format: Format) => client.post<Ticket>('/api/games/queue', { format }),
    poll: () => client.get<Ticket>('/api/games/queue'),
    leave: () => client.delete<Ticket>('/api/games/queue'),
    round: (conversationId: string) =>
      client.get<RoundConversation>(`/api/conversations/${id(conversationId)}`),
    vote: (conversationId: string, votes: Array<{ personaId: string; verdict: Verdict }>) =>
      client.post<{ round: Round }>(`/api/games/${id(conversationId)}/votes`, { votes }),
    result: (conversationId: string) => client.get<Result>(`/api/games/${id(conversationId)}/result`),
    myStats: () => client.get<MyStats>('/api/stats/me'),
    stats: () => client.get<GlobalStats>('/api/stats'),
    leaderboard: (board: Leaderboard['board'], period: Leaderboard['period']) =>
      client.get<Leaderboard>('/api/leaderboard', { query: { board, period } }),
    personaGame: (personaId: string) => client.get<PersonaGame>(`/api/games/personas/${id(personaId)}`),
    setPool: (personaId: string, gamePool: boolean) =>
      client.put<PersonaGame>(`/api/games/personas/${id(personaId)}/pool`, { gamePool }),
  };
}

export const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
