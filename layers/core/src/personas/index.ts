/**
 * Personas: who may see and manage one, its public and owner views (the game-integrity rule for profiles),
 * the list with its filters and keyset cursor, and create / update / delete.
 */
// Registers the default persona with auth: every function that loads the domain creates it the same way.

export { avatarOf, avatarSvg, defaultAvatar } from './avatar';
export { createDefaultPersona } from './default-persona';
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
  composeProfile,
  type ProfilePicks,
  randomProfile,
  type StarterProfile,
} from './starter-profile';
export {
  anyPersonaExists,
  type FindOptions,
  findPersona,
  findPersonaByName,
  findPersonasByIds,
  insertPersonaOnce,
  insertSeatCopies,
  isPersonaInActiveConversation,
  listOwnPersonas,
  PERSONA_COLUMNS,
  PERSONAS_COUNT_SQL,
  type PersonaFields,
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
