// Resource shapes from the HTTP API contract. Owner-only fields are optional because other users'
// personas arrive without them (game integrity), and the UI must work with either view.

export type PersonaKind = 'human' | 'ai';
export type Visibility = 'public' | 'private';

export interface PersonalityTraits {
  openness: number;
  conscientiousness: number;
  extraversion: number;
  agreeableness: number;
  neuroticism: number;
  [trait: string]: number;
}

export interface AiSettings {
  model: string;
  temperature: number;
  maxTokens: number;
  systemPrompt: string | null;
  typingWpm: number;
  talkativeness: number;
}

export interface Persona {
  id: string;
  name: string;
  description: string;
  personality: { traits: PersonalityTraits; summary: string };
  knowledge: string[];
  communicationStyle: string;
  avatarUrl: string | null;
  createdAt: string;
  updatedAt: string;
  // Owner / admin view only.
  kind?: PersonaKind;
  ai?: AiSettings | null;
  ownerId?: string | null;
  visibility?: Visibility;
  version?: number;
}

export interface PersonaInput {
  name: string;
  kind: PersonaKind;
  description: string;
  personality: { traits: PersonalityTraits; summary: string };
  knowledge: string[];
  communicationStyle: string;
  avatarUrl?: string | null;
  visibility: Visibility;
  ai?: AiSettings | null;
}

export type PersonaUpdate = Partial<Omit<PersonaInput, 'kind' | 'ai'>> & { version: number; ai?: AiSettings };

export interface Participant {
  personaId: string;
  name: string;
  avatarUrl: string | null;
  isMine: boolean;
}

export type ConversationStatus = 'active' | 'ended';

export interface Conversation {
  id: string;
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  status: ConversationStatus;
  settings: { maxAiTurnsInRow: number };
  participants: Participant[];
  messageCount: number;
  lastMessageAt: string | null;
  lastActivityAt?: string;
  createdAt: string;
  endedAt: string | null;
}

export interface ConversationInput {
  title: string;
  topic?: string;
  mode?: 'chat' | 'game';
  participantPersonaIds: string[];
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  personaId: string | null;
  personaName: string | null;
  avatarUrl?: string | null;
  content: string;
  kind: 'text' | 'system';
  clientMessageId?: string | null;
  createdAt: string;
}

export interface TypingEntry {
  personaId: string;
  name: string;
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
  typing: TypingEntry[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  displayName: string;
  email: string | null;
  role: 'user' | 'admin';
}

export interface Me {
  user: User;
  personas: Persona[];
}

export interface UsageTotals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  budgetUsd?: number;
  remainingUsd?: number;
  resetsAt?: string;
}

export interface UsageBreakdown {
  model?: string;
  personaId?: string;
  name?: string;
  personaName?: string;
  calls: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd: number;
}

export interface Usage {
  today: UsageTotals;
  allTime: UsageTotals;
  byModel: UsageBreakdown[];
  byPersona: UsageBreakdown[];
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown[]; requestId?: string };
}
