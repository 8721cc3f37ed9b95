/** The shapes the reply engine works with, independent of SQL rows and of the OpenAI SDK. */

import type { AiSettings } from '../personas/types';

export type { AiSettings };

export const DEFAULT_AI_SETTINGS: AiSettings = {
  model: 'gpt-4o-mini',
  temperature: 0.8,
  maxTokens: 300,
  systemPrompt: null,
  typingWpm: 45,
  talkativeness: 0.5,
};

/** Fills gaps in a persona's stored `ai` settings with defaults (the column is free-form jsonb). */
export function aiSettings(raw: unknown): AiSettings {
  const v = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof AiSettings, unknown>>;
  const num = (x: unknown, fallback: number, min: number, max: number) =>
    typeof x === 'number' && Number.isFinite(x) ? Math.min(max, Math.max(min, x)) : fallback;
  return {
    model: typeof v.model === 'string' && v.model.trim() ? v.model.trim() : DEFAULT_AI_SETTINGS.model,
    temperature: num(v.temperature, DEFAULT_AI_SETTINGS.temperature, 0, 2),
    maxTokens: Math.round(num(v.maxTokens, DEFAULT_AI_SETTINGS.maxTokens, 16, 4000)),
    systemPrompt: typeof v.systemPrompt === 'string' && v.systemPrompt.trim() ? v.systemPrompt : null,
    typingWpm: num(v.typingWpm, DEFAULT_AI_SETTINGS.typingWpm, 5, 300),
    talkativeness: num(v.talkativeness, DEFAULT_AI_SETTINGS.talkativeness, 0, 1),
  };
}

export interface PersonaProfile {
  id: string;
  name: string;
  description: string;
  personality: { traits: Record<string, number>; summary: string };
  knowledge: string[];
  communicationStyle: string;
  ai: AiSettings;
}

export interface ConversationContext {
  id: string;
  title: string;
  topic: string;
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  participantNames: string[];
}

/** One message of the history the prompt is built from, oldest first. */
export interface HistoryMessage {
  personaId: string | null;
  name: string;
  content: string;
  kind: 'text' | 'system';
}

export type { ChatMessage, Generation } from '@amianai/shared/openai';
