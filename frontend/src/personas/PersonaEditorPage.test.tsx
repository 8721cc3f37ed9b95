import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiWith, type Call, jsonResponse, makeMe } from '../../test/fakeBackend';
import { renderWithSession } from '../../test/renderWithSession';
import PersonaEditorPage from './PersonaEditorPage';

function renderNew(handler: (call: Call) => Response) {
  const { api, calls } = apiWith((call) =>
    call.path === '/api/me' ? jsonResponse(200, makeMe()) : handler(call),
  );
  renderWithSession(<PersonaEditorPage />, { api, path: '/personas/new', route: '/personas/new' });
  return calls;
}

describe('PersonaEditorPage', () => {
  it('shows inline errors instead of sending an invalid persona', async () => {
    const calls = renderNew(() => jsonResponse(500));
    await userEvent.click(screen.getByRole('button', { name: 'Create persona' }));
    expect(screen.getByText('Give your persona a name.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('flags a value past its limit as you type', async () => {
    renderNew(() => jsonResponse(500));
    await userEvent.click(screen.getByLabelText('Name'));
    await userEvent.paste('x'.repeat(81));
    expect(screen.getByText('Keep the name to 80 characters.')).toBeInTheDocument();
  });

  it('validates AI settings when the persona is played by AI', async () => {
    renderNew(() => jsonResponse(500));
    await userEvent.type(screen.getByLabelText('Name'), 'Robo');
    await userEvent.click(screen.getByRole('radio', { name: /AI/ }));
    const temperature = screen.getByLabelText('Temperature');
    await userEvent.clear(temperature);
    await userEvent.type(temperature, '3');
    await userEvent.click(screen.getByRole('button', { name: 'Create persona' }));
    expect(screen.getByText('Must be between 0 and 2.')).toBeInTheDocument();
  });

  it('creates an AI persona with its settings', async () => {
    const calls = renderNew((call) =>
      call.method === 'POST'
        ? jsonResponse(201, { id: 'p-new', ...(call.body as object) })
        : jsonResponse(404),
    );
    await userEvent.type(screen.getByLabelText('Name'), 'Robo');
    await userEvent.click(screen.getByRole('radio', { name: /AI/ }));
    await userEvent.type(screen.getByLabelText('Knowledge'), 'chess{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Create persona' }));
    await waitFor(() => expect(screen.getByText('elsewhere')).toBeInTheDocument());
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.body).toMatchObject({
      name: 'Robo',
      kind: 'ai',
      knowledge: ['chess'],
      ai: { model: 'gpt-4o-mini', maxTokens: 300 },
    });
  });

  it("shows the API's own 400 details on the matching fields", async () => {
    renderNew(() =>
      jsonResponse(400, {
        error: {
          code: 'invalid_input',
          message: 'Invalid persona',
          details: [
            { path: '/description', message: 'Not allowed here' },
            { path: '/unknownThing', message: 'Unexpected property' },
          ],
          requestId: 'req-400',
        },
      }),
    );
    await userEvent.type(screen.getByLabelText('Name'), 'Ada');
    await userEvent.click(screen.getByRole('button', { name: 'Create persona' }));
    expect(await screen.findByText('Not allowed here')).toBeInTheDocument();
    expect(screen.getByText('/unknownThing: Unexpected property')).toBeInTheDocument();
    expect(screen.getByText('req-400')).toBeInTheDocument();
  });

  it('explains a version conflict when saving an edited persona', async () => {
    const persona = { ...makeMe().personas[0]!, id: 'p-me', name: 'Sam' };
    const { api } = apiWith((call) => {
      if (call.path === '/api/me') return jsonResponse(200, makeMe());
      if (call.method === 'GET') return jsonResponse(200, persona);
      return jsonResponse(409, {
        error: { code: 'conflict', message: 'Version is stale', requestId: 'req-409' },
      });
    });
    renderWithSession(<PersonaEditorPage />, {
      api,
      path: '/personas/:personaId/edit',
      route: '/personas/p-me/edit',
    });
    await userEvent.type(await screen.findByLabelText('Name'), ' B');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(
      await screen.findByText('Someone changed this persona while you were editing.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load latest' })).toBeInTheDocument();
  });

  it('loads the latest version after a conflict and edits from there', async () => {
    let latest = { ...makeMe().personas[0]!, id: 'p-me', name: 'Sam' };
    const { api, calls } = apiWith((call) => {
      if (call.path === '/api/me') return jsonResponse(200, makeMe());
      if (call.method === 'GET') return jsonResponse(200, latest);
      return jsonResponse(409, {
        error: { code: 'version_conflict', message: 'Version is stale', requestId: 'req-409' },
      });
    });
    renderWithSession(<PersonaEditorPage />, {
      api,
      path: '/personas/:personaId/edit',
      route: '/personas/p-me/edit',
    });
    await userEvent.type(await screen.findByLabelText('Name'), ' B');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    latest = { ...latest, name: 'Samantha', version: 2 };
    await userEvent.click(await screen.findByRole('button', { name: 'Load latest' }));
    expect(await screen.findByDisplayValue('Samantha')).toBeInTheDocument();
    expect(
      screen.queryByText('Someone changed this persona while you were editing.'),
    ).not.toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'GET' && call.path === '/api/personas/p-me')).toHaveLength(
      2,
    );
  });
});
