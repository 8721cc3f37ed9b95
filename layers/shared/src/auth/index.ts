export { type Caller, callerFromEvent, parseGroups } from './claims';
export { type AuthContext, authenticate, ensureUser, type User } from './users';
export { requireAdmin } from './require-admin';
