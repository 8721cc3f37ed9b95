/** A published reply as the API shows it: the shared message view and its game-integrity rule. */
import type { PublishedMessage } from '@amianai/shared/ai';
import { type Message, type Viewer, toMessageView as view } from '@amianai/shared/messages';

export function toMessageView(m: PublishedMessage, viewer: Viewer): Message {
  return view({ ...m, clientMessageId: null, visibleAt: m.createdAt }, viewer);
}
