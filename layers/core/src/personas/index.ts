/**
 * Personas: who may see and manage one, its public and owner views (the game-integrity rule for profiles),
 * the list with its filters and keyset cursor, and create / update / delete.
 */
export { fieldsForCreate, fieldsForUpdate, hasChanges, normalizeTopic } from './fields';
export { createPersona, deletePersona, getPersona, listVisiblePersonas, updatePersona } from './personas';
export {
  AI_DEFAULTS,
  AiSettingsView,
  BIG_FIVE,
  CreatePersonaBody,
  ListPersonasQuery,
  PERSONA_LIMITS,
  PersonaCursor,
  PersonaOwnerViewSchema,
  PersonaPage,
  PersonaPublicViewSchema,
  PersonaViewSchema,
  UpdatePersonaBody,
} from './schemas';
export {
  type FindOptions,
  findPersona,
  findPersonasByIds,
  isPersonaInActiveConversation,
  listOwnPersonas,
  PERSONA_COLUMNS,
  personaColumns,
} from './store';
export type {
  AiSettings,
  PersonaKind,
  Personality,
  PersonaOwnerView,
  PersonaPublicView,
  PersonaRow,
  PersonaView,
  Viewer,
  Visibility,
} from './types';
export { canManagePersona, canSeePersona, toOwnerView, toPersonaView, toPublicView } from './view';
