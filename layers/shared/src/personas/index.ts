export {
  AI_DEFAULTS,
  AiSettingsView,
  BIG_FIVE,
  PERSONA_LIMITS,
  PersonaOwnerViewSchema,
  PersonaPublicViewSchema,
  PersonaViewSchema,
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
