/** The personas function's routes: list, create, read, partial update (optimistic concurrency), soft delete. */
import {
  CreatePersonaBody,
  createPersona,
  deletePersona,
  getPersona,
  ListPersonasQuery,
  listVisiblePersonas,
  PersonaOwnerViewSchema,
  PersonaPage,
  PersonaViewSchema,
  UpdatePersonaBody,
  updatePersona,
} from '@amianai/core/personas';
import { created, IdParams, noContent, ok, Router } from '@amianai/shared/http';

export const router = new Router()
  .get(
    '/api/personas',
    {
      auth: 'user',
      query: ListPersonasQuery,
      summary: "Public personas and the caller's own, newest first",
      responses: { 200: PersonaPage },
    },
    async (req) => ok(await listVisiblePersonas(req.auth, req.query)),
  )
  .post(
    '/api/personas',
    {
      auth: 'user',
      body: CreatePersonaBody,
      summary: 'Create a persona owned by the caller',
      responses: { 201: PersonaOwnerViewSchema },
      errors: [409, 429],
    },
    async (req) => created(await createPersona(req.auth, req.body)),
  )
  .get(
    '/api/personas/{id}',
    {
      auth: 'user',
      params: IdParams,
      summary: 'One persona; private ones of others are 404',
      responses: { 200: PersonaViewSchema },
      errors: [404],
    },
    async (req) => ok(await getPersona(req.auth, req.params.id)),
  )
  .put(
    '/api/personas/{id}',
    {
      auth: 'user',
      params: IdParams,
      body: UpdatePersonaBody,
      summary: 'Change some fields (owner or admin); 409 version_conflict when the version is stale',
      responses: { 200: PersonaOwnerViewSchema },
      errors: [403, 404, 409, 429],
    },
    async (req) => ok(await updatePersona(req.auth, req.params.id, req.body)),
  )
  .delete(
    '/api/personas/{id}',
    {
      auth: 'user',
      params: IdParams,
      summary: 'Soft-delete (owner or admin); 409 persona_in_use while in an active conversation',
      responses: { 204: null },
      errors: [403, 404, 409, 429],
    },
    async (req) => {
      await deletePersona(req.auth, req.params.id);
      return noContent();
    },
  );
