/** Who may ask which persona to reply (generate-response). */
import { query } from '@amianai/shared/db';

export interface ReplyAccess {
  mode: 'chat' | 'game';
  status: 'active' | 'ended';
  /** The caller controls one of the participants (or is an admin: decided by the caller). */
  isParticipantUser: boolean;
  /** The persona is an active, undeleted AI participant. */
  isAiParticipant: boolean;
  personaOwnerId: string | null;
}

/** undefined when the conversation does not exist. */
export async function replyAccess(
  conversationId: string,
  personaId: string,
  userId: string,
): Promise<ReplyAccess | undefined> {
  const { rows } = await query<{
    mode: 'chat' | 'game';
    status: 'active' | 'ended';
    is_participant_user: boolean;
    is_ai_participant: boolean;
    owner_id: string | null;
  }>(
    `SELECT c.mode, c.status,
            EXISTS (SELECT 1 FROM conversation_participants cp
                     WHERE cp.conversation_id = c.id AND cp.user_id = $3) AS is_participant_user,
            (tp.persona_id IS NOT NULL AND tp.left_at IS NULL AND p.kind = 'ai' AND p.deleted_at IS NULL) AS is_ai_participant,
            p.owner_id
       FROM conversations c
       LEFT JOIN conversation_participants tp ON tp.conversation_id = c.id AND tp.persona_id = $2
       LEFT JOIN personas p ON p.id = tp.persona_id
      WHERE c.id = $1`,
    [conversationId, personaId, userId],
  );
  const r = rows[0];
  return (
    r && {
      mode: r.mode,
      status: r.status,
      isParticipantUser: r.is_participant_user,
      isAiParticipant: r.is_ai_participant,
      personaOwnerId: r.owner_id,
    }
  );
}
