// Generated from functions/openapi/openapi.json by `npm run api-types`; do not edit.
// Use the names in ./types.ts; this file only follows the API.

export interface paths {
  '/api/admin/database-status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Admin: connectivity, latency, migration version, row counts */
    get: operations['databaseStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/seed-database': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin: insert the demo cast (idempotent) */
    post: operations['seedDatabase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/admin/setup-database': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Admin: apply pending migrations (idempotent) */
    post: operations['setupDatabase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/ai/generate-response': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask a participant you do not play to reply (chat only): 202 alike for every participant; 429 budget_exceeded only when your own AI persona is asked and your budget is spent */
    post: operations['generateResponse'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's conversations, newest activity first */
    get: operations['listConversations'];
    put?: never;
    /** Start a conversation between 2–8 personas, one of them your own human persona */
    post: operations['createConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A conversation with its participants */
    get: operations['getConversation'];
    /** Rename a conversation (any participant, or an admin) */
    put: operations['renameConversation'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End a conversation (idempotent) */
    post: operations['endConversation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Messages: newest page, older pages by cursor, or newer ones with ?after=<seq>; ETag/304 */
    get: operations['listMessages'];
    put?: never;
    /** Post as one of your human personas; a repeated clientMessageId returns the stored message (200) */
    post: operations['postMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/conversations/{id}/typing': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Typing heartbeat: shows the persona as typing for a few seconds */
    post: operations['typing'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/games/{id}/result': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** After the reveal, to the round’s own players: who was what, your score, how you were judged */
    get: operations['result'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/games/{id}/votes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Your verdicts on the other participants; final once stored (the same again is 200) */
    post: operations['vote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/games/personas/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Owners: whether the AI persona plays in games, and how it was judged */
    get: operations['personaGameStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/games/personas/{id}/pool': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Owners: enter a public AI persona in the game’s AI seats, or take it out */
    put: operations['personaGamePool'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/games/queue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your current ticket; polling it also runs the matching that has fallen due */
    get: operations['pollQueue'];
    put?: never;
    /** Join the matchmaking queue; joining again returns your open ticket (200) */
    post: operations['joinQueue'];
    /** Leave the queue (a ticket matched meanwhile stays matched) */
    delete: operations['leaveQueue'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness and version; no token, no database */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/leaderboard': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Best detectives (at least 5 rounds) or most human AI personas (at least 10 verdicts) */
    get: operations['leaderboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's user record and own personas (creates both on the first request) */
    get: operations['me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API described as OpenAPI 3.1 */
    get: operations['openApi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Public personas and the caller's own, newest first */
    get: operations['listPersonas'];
    put?: never;
    /** Create a persona owned by the caller */
    post: operations['createPersona'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/personas/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One persona; private ones of others are 404 */
    get: operations['getPersona'];
    /** Change some fields (owner or admin); 409 version_conflict when the version is stale */
    put: operations['updatePersona'];
    post?: never;
    /** Soft-delete (owner or admin); 409 persona_in_use while in an active conversation */
    delete: operations['deletePersona'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Everyone’s accuracy, against humans and against AIs */
    get: operations['globalStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/stats/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Your record over revealed rounds */
    get: operations['myStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/usage': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's AI usage: today against the daily budget, all time, by model and by persona */
    get: operations['usage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AiSettings: {
      model: string;
      temperature: number;
      maxTokens: number;
      systemPrompt: string | null;
      typingWpm: number;
      talkativeness: number;
    };
    Conversation: {
      /** Format: uuid */
      id: string;
      title: string;
      topic: string;
      mode: 'chat' | 'game';
      status: 'active' | 'ended';
      settings: {
        maxAiTurnsInRow: number;
      };
      participants: {
        /** Format: uuid */
        personaId: string;
        name: string;
        /** @description The persona's image, or its default avatar as a data: URI */
        avatarUrl: string;
        /** @description You control this persona (your human persona, or your own AI) */
        isMine: boolean;
      }[];
      messageCount: number;
      lastMessageAt: string | null;
      /** Format: date-time */
      lastActivityAt: string;
      /** Format: date-time */
      createdAt: string;
      endedAt: string | null;
      round: components['schemas']['Round'] | null;
    };
    DatabaseStatus: {
      /** @constant */
      connected: true;
      latencyMs: number;
      serverVersion: string;
      migrationVersion: number;
      latestMigration: number;
      pendingMigrations: number;
      /** @description Rows per table */
      counts: {
        [key: string]: number;
      };
    };
    Error: {
      error: {
        /** @description Stable machine-readable code, e.g. not_found */
        code: string;
        /** @description Human-readable explanation */
        message: string;
        details?: {
          path: string;
          message: string;
        }[];
        /** @description Quote it when reporting a problem */
        requestId: string;
      };
    };
    GlobalStats: {
      rounds: number;
      overall: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
      vsHumans: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
      vsAis: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
    };
    Health: {
      /** @constant */
      status: 'ok';
      version: string;
      stage: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      time: string;
    };
    Leaderboard: {
      board: 'players' | 'personas';
      period: 'week' | 'all';
      /** @description Rounds (players) or verdicts (personas) needed to be listed */
      minimum: number;
      items: {
        rank: number;
        /**
         * Format: uuid
         * @description The player (user) or the AI persona
         */
        id: string;
        name: string;
        rounds: number;
        verdicts: number;
        /** @description players: share of verdicts right; personas: share of verdicts "human" */
        rate: number;
        isMe: boolean;
      }[];
    };
    Message: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      conversationId: string;
      seq: number;
      personaId: string | null;
      personaName: string | null;
      avatarUrl: string | null;
      content: string;
      kind: 'text' | 'system';
      /** @description Only to the user who posted it */
      clientMessageId?: string;
      /**
       * Format: date-time
       * @description When it became visible
       */
      createdAt: string;
      /** @description Only to the author persona's owner and admins */
      metadata?: {
        [key: string]: unknown;
      };
    };
    MigrationResult: {
      /** @description Versions applied by this call */
      applied: number[];
      version: number;
    };
    MyStats: {
      rounds: number;
      points: number;
      overall: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
      vsHumans: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
      vsAis: {
        verdicts: number;
        correct: number;
        /** @description A share between 0 and 1; null when there is nothing to count yet */
        accuracy: number | null;
      };
      judgedAs: {
        human: number;
        ai: number;
      };
      /** @description A share between 0 and 1; null when there is nothing to count yet */
      judgedHumanRate: number | null;
      streaks: {
        /** @description Rounds in a row with every verdict right */
        current: number;
        best: number;
      };
    };
    OpenApiDocument: {
      openapi: string;
    };
    PersonaGameStats: {
      /** Format: uuid */
      personaId: string;
      gamePool: boolean;
      rounds: number;
      judgedAs: {
        human: number;
        ai: number;
      };
      /** @description A share between 0 and 1; null when there is nothing to count yet */
      judgedHumanRate: number | null;
      /** @description The latest revealed rounds, newest first */
      history: {
        /** Format: uuid */
        conversationId: string;
        /** Format: date-time */
        revealedAt: string;
        format: 'duel' | 'group';
        judgedHuman: number;
        judgedAi: number;
      }[];
    };
    /** @description A persona as its owner or an admin sees it. */
    PersonaOwnerView: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      personality: {
        traits: {
          [key: string]: number;
        };
        summary: string;
      };
      knowledge: string[];
      communicationStyle: string;
      /** @description An image URL: the one its owner gave, or a data: URI of the default avatar drawn from the id */
      avatarUrl: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      kind: 'human' | 'ai';
      visibility: 'public' | 'private';
      ai: components['schemas']['AiSettings'] | null;
      ownerId: string | null;
      version: number;
    };
    /** @description A persona as anyone but its owner or an admin sees it: nothing reveals whether it is an AI. */
    PersonaPublicView: {
      /** Format: uuid */
      id: string;
      name: string;
      description: string;
      personality: {
        traits: {
          [key: string]: number;
        };
        summary: string;
      };
      knowledge: string[];
      communicationStyle: string;
      /** @description An image URL: the one its owner gave, or a data: URI of the default avatar drawn from the id */
      avatarUrl: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /** @description The same answer for every participant: an AI gets a reply job (its reply arrives in the feed), a person sees the request */
    ReplyRequested: {
      /**
       * Format: date-time
       * @description When the request was taken
       */
      requestedAt: string;
    };
    Result: {
      /** Format: uuid */
      conversationId: string;
      participants: {
        /** Format: uuid */
        personaId: string;
        name: string;
        kind: 'human' | 'ai';
        isMine: boolean;
        judgedHuman: number;
        judgedAi: number;
      }[];
      myVotes: {
        /** Format: uuid */
        personaId: string;
        verdict: 'human' | 'ai';
        correct: boolean;
      }[];
      score: {
        correct: number;
        total: number;
        points: number;
      };
      judgedAs: {
        human: number;
        ai: number;
      };
      /** Format: date-time */
      revealedAt: string;
    };
    /** @description null for chats */
    Round: {
      format: 'duel' | 'group';
      phase: 'live' | 'voting' | 'revealed';
      /** Format: date-time */
      startsAt: string;
      /** Format: date-time */
      endsAt: string;
      /** Format: date-time */
      votingClosesAt: string;
      myVotesSubmitted: boolean;
    };
    SeedResult: {
      /** @description Rows inserted by this call, per kind (0 when already seeded) */
      inserted: {
        [key: string]: number;
      };
    };
    Ticket: {
      /** Format: uuid */
      id: string;
      status: 'waiting' | 'matched' | 'left';
      format: 'duel' | 'group';
      /** Format: uuid */
      personaId: string;
      /** Format: date-time */
      queuedAt: string;
      /**
       * Format: date-time
       * @description You are matched by this time
       */
      matchDeadline: string;
      conversationId: string | null;
    };
    Usage: {
      today: {
        /** @description Model calls, failed ones included */
        calls: number;
        inputTokens: number;
        outputTokens: number;
        costUsd: number;
        /** @description Daily budget per user */
        budgetUsd: number;
        remainingUsd: number;
        /**
         * Format: date-time
         * @description Next midnight UTC
         */
        resetsAt: string;
      };
      allTime: {
        /** @description Model calls, failed ones included */
        calls: number;
        inputTokens: number;
        outputTokens: number;
        costUsd: number;
      };
      byModel: {
        model: string;
        /** @description Model calls, failed ones included */
        calls: number;
        inputTokens: number;
        outputTokens: number;
        costUsd: number;
      }[];
      /** @description Only the caller's own personas by name (others would reveal which personas are AI) */
      byPersona: {
        personaId: string | null;
        name: string | null;
        /** @description Model calls, failed ones included */
        calls: number;
        inputTokens: number;
        outputTokens: number;
        costUsd: number;
      }[];
      /** @description Replies of the caller's own AI personas that failed for good in the last 7 days (other players see nothing) */
      failedReplies: {
        /** Format: uuid */
        personaId: string;
        name: string;
        /** Format: uuid */
        conversationId: string;
        reason: string;
        /** Format: date-time */
        failedAt: string;
      }[];
    };
    Votes: {
      /** Format: uuid */
      conversationId: string;
      votes: {
        /**
         * Format: uuid
         * @description Another participant's seat, by the id the round shows
         */
        personaId: string;
        verdict: 'human' | 'ai';
        confidence?: number;
      }[];
      round: components['schemas']['Round'];
    };
  };
  responses: {
    /** @description Invalid input: `details` lists each problem (invalid_request, invalid_json, invalid_cursor): unknown or repeated query parameters, unknown body fields, a body nested deeper than 32 levels */
    E400: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description No or invalid ID token (unauthorized) */
    E401: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Signed in but not allowed (forbidden) */
    E403: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Not found, or not visible to the caller (not_found) */
    E404: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Conflicts with the current state (e.g. version_conflict, persona_in_use, persona_limit_reached) */
    E409: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Body larger than 65536 bytes (payload_too_large) */
    E413: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Body is not application/json (unsupported_media_type) */
    E415: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Rate limit: at most 60 writes per user in any 60 seconds (rate_limited), or the AI budget is spent (budget_exceeded); see Retry-After */
    E429: {
      headers: {
        /** @description Seconds to wait */
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Unexpected failure (internal_error); never carries internals */
    E500: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description An upstream service answered badly */
    E502: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description A dependency is unavailable (service_unavailable); retry shortly */
    E503: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description An upstream service timed out */
    E504: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  databaseStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DatabaseStatus'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  seedDatabase: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Required (true) to seed when STAGE is prod */
          confirmProduction?: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SeedResult'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  setupDatabase: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MigrationResult'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      413: components['responses']['E413'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  generateResponse: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uuid
           * @description A conversation the caller takes part in
           */
          conversationId: string;
          /**
           * Format: uuid
           * @description A participant you do not play, asked to reply
           */
          personaId: string;
        };
      };
    };
    responses: {
      /** @description Success */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplyRequested'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  listConversations: {
    parameters: {
      query?: {
        status?: 'active' | 'ended';
        mode?: 'chat' | 'game';
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['Conversation'][];
            nextCursor: string | null;
          };
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  createConversation: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Trimmed; must not be blank */
          title: string;
          topic?: string;
          /**
           * @description Rounds come from the game queue only (POST /api/games/queue)
           * @constant
           */
          mode?: 'chat';
          /** @description At least one of your own human personas; AI personas public or yours; other humans only if public */
          participantPersonaIds: string[];
          settings?: {
            /** @description AI messages in a row before the AIs wait for a human (default 3) */
            maxAiTurnsInRow?: number;
          };
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  getConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  renameConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Trimmed; must not be blank */
          title: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  endConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Conversation'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  listMessages: {
    parameters: {
      query?: {
        /** @description Poll: messages with a higher seq, oldest first */
        after?: number;
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @description Oldest first within the page */
            items: components['schemas']['Message'][];
            nextCursor: string | null;
            typing: {
              /** Format: uuid */
              personaId: string;
              name: string;
            }[];
            /** @description Requests to reply addressed to a persona the caller plays (POST /api/ai/generate-response); always empty for others */
            requests: {
              /**
               * Format: uuid
               * @description Your persona someone asked to reply
               */
              personaId: string;
              /** Format: date-time */
              requestedAt: string;
            }[];
          };
        };
      };
      /** @description Success */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  postMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uuid
           * @description One of your human personas in this conversation
           */
          personaId: string;
          /** @description Trimmed; must not be blank */
          content: string;
          /** @description Makes retries idempotent: the same id returns the same message (200) */
          clientMessageId?: string;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Message'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Message'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  typing: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /**
           * Format: uuid
           * @description One of your human personas in this conversation
           */
          personaId: string;
        };
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  result: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Result'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  vote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description One verdict per other participant: all of them, each once */
          votes: {
            /**
             * Format: uuid
             * @description Another participant's seat, by the id the round shows
             */
            personaId: string;
            verdict: 'human' | 'ai';
            confidence?: number;
          }[];
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Votes'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Votes'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  personaGameStats: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonaGameStats'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  personaGamePool: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description Enter the AI persona in the game’s AI seats */
          gamePool: boolean;
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonaGameStats'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  pollQueue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  joinQueue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /**
           * Format: uuid
           * @description One of your human personas (default: your first one)
           */
          personaId?: string;
          format?: 'duel' | 'group';
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  leaveQueue: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      413: components['responses']['E413'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      400: components['responses']['E400'];
      500: components['responses']['E500'];
    };
  };
  leaderboard: {
    parameters: {
      query?: {
        board?: 'players' | 'personas';
        period?: 'week' | 'all';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Leaderboard'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            user: {
              /** Format: uuid */
              id: string;
              displayName: string;
              email: string | null;
              role: 'user' | 'admin';
            };
            /** @description The caller's live personas, oldest first */
            personas: components['schemas']['PersonaOwnerView'][];
          };
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  openApi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OpenApiDocument'];
        };
      };
      400: components['responses']['E400'];
      500: components['responses']['E500'];
    };
  };
  listPersonas: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
        /** @description Text to find in the name or description (case-insensitive) */
        q?: string;
        /** @description Communication style, exact (case-insensitive) */
        style?: string;
        /** @description A knowledge topic the persona must list */
        knowledge?: string;
        /** @description true: only the caller's own personas (any visibility) */
        mine?: boolean;
        /** @description Filters the caller's own personas by kind; requires mine=true (no one learns the kind of others') */
        kind?: 'human' | 'ai';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: (components['schemas']['PersonaOwnerView'] | components['schemas']['PersonaPublicView'])[];
            nextCursor: string | null;
          };
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  createPersona: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
          kind: 'human' | 'ai';
          description?: string;
          personality?: {
            /** @description Big Five (openness, conscientiousness, extraversion, agreeableness, neuroticism; 50 when left out) plus custom traits, 0–100, at most 12 keys */
            traits?: {
              [key: string]: number;
            };
            /** @description Free-text personality summary */
            summary?: string;
          };
          /** @description Topics the persona knows about; stored trimmed, lower-case and without duplicates */
          knowledge?: string[];
          /** @description e.g. casual, terse, storyteller */
          communicationStyle?: string;
          /** @description An http(s) image URL */
          avatarUrl?: string | null;
          /** @description Private personas are seen by their owner (and admins) only */
          visibility?: 'public' | 'private';
          /** @description AI personas only (defaults apply); null or absent for humans */
          ai?: {
            model?: string;
            temperature?: number;
            maxTokens?: number;
            /** @description null: a prompt is built from personality, knowledge and style */
            systemPrompt?: string | null;
            typingWpm?: number;
            talkativeness?: number;
          } | null;
        };
      };
    };
    responses: {
      /** @description Success */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonaOwnerView'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  getPersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | components['schemas']['PersonaOwnerView']
            | components['schemas']['PersonaPublicView'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      404: components['responses']['E404'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  updatePersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The version you last read; 409 version_conflict if stale */
          version: number;
          name?: string;
          description?: string;
          personality?: {
            /** @description Traits to change; keys left out keep their value, null removes a custom trait */
            traits?: {
              [key: string]: number | null;
            };
            /** @description Free-text personality summary */
            summary?: string;
          };
          /** @description Topics the persona knows about; stored trimmed, lower-case and without duplicates */
          knowledge?: string[];
          /** @description e.g. casual, terse, storyteller */
          communicationStyle?: string;
          /** @description An http(s) image URL */
          avatarUrl?: string | null;
          /** @description Private personas are seen by their owner (and admins) only */
          visibility?: 'public' | 'private';
          /** @description AI settings; fields left out keep their default (or current) value */
          ai?: {
            model?: string;
            temperature?: number;
            maxTokens?: number;
            /** @description null: a prompt is built from personality, knowledge and style */
            systemPrompt?: string | null;
            typingWpm?: number;
            talkativeness?: number;
          };
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PersonaOwnerView'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      415: components['responses']['E415'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  deletePersona: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      403: components['responses']['E403'];
      404: components['responses']['E404'];
      409: components['responses']['E409'];
      413: components['responses']['E413'];
      429: components['responses']['E429'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  globalStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GlobalStats'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  myStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MyStats'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
  usage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Usage'];
        };
      };
      400: components['responses']['E400'];
      401: components['responses']['E401'];
      500: components['responses']['E500'];
      503: components['responses']['E503'];
    };
  };
}
