/** Personas API: list, create, read, partial update (optimistic concurrency) and soft delete. */
import { authenticate } from '@amianai/shared/auth';
import { apiHandler, created, IdParams, noContent, ok, Router } from '@amianai/shared/http';
import { PersonaOwnerViewSchema, PersonaViewSchema } from '@amianai/shared/personas';
import { createPersona, deletePersona, getPersona, listVisiblePersonas, updatePersona } from './personas';
import { CreatePersonaBody, ListPersonasQuery, PersonaPage, UpdatePersonaBody } from './schemas';

export const router = new Router()
  .get(
    '/api/personas',
    {
      query: ListPersonasQuery,
      summary: "Public personas and the caller's own, newest first",
      responses: { 200: PersonaPage },
    },
    async (req) => ok(await listVisiblePersonas(await authenticate(req.event), req.query)),
  )
  .post(
    '/api/personas',
    {
      body: CreatePersonaBody,
      summary: 'Create a persona owned by the caller',
      responses: { 201: PersonaOwnerViewSchema },
      errors: [409, 429],
    },
    async (req) => created(await createPersona(await authenticate(req.event), req.body)),
  )
  .get(
    '/api/personas/{id}',
    {
      params: IdParams,
      summary: 'One persona; private ones of others are 404',
      responses: { 200: PersonaViewSchema },
      errors: [404],
    },
    async (req) => ok(await getPersona(await authenticate(req.event), req.params.id)),
  )
  .put(
    '/api/personas/{id}',
    {
      params: IdParams,
      body: UpdatePersonaBody,
      summary: 'Change some fields (owner or admin); 409 version_conflict when the version is stale',
      responses: { 200: PersonaOwnerViewSchema },
      errors: [403, 404, 409, 429],
    },
    async (req) => ok(await updatePersona(await authenticate(req.event), req.params.id, req.body)),
  )
  .delete(
    '/api/personas/{id}',
    {
      params: IdParams,
      summary: 'Soft-delete (owner or admin); 409 persona_in_use while in an active conversation',
      responses: { 204: null },
      errors: [403, 404, 409, 429],
    },
    async (req) => {
      await deletePersona(await authenticate(req.event), req.params.id);
      return noContent();
    },
  );

export const handler = apiHandler(router);
