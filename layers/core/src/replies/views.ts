/** A published reply as the API shows it: the shared message view and its game-integrity rule. */

import { type Message, type Viewer, toMessageView as view } from '../conversations/message-view';
import type { PublishedMessage } from './publish';

export function toMessageView(m: PublishedMessage, viewer: Viewer): Message {
  return view({ ...m, clientMessageId: null, visibleAt: m.createdAt }, viewer);
}
