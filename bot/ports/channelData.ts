import type { Identity } from '../records';

/**
 * What a channel edge keeps about a learner's identities outside the Store: the web chat's transcript (the Direct
 * Line stream) and its sessions. The turn engine erases it before it deletes the learner, so that "delete my data"
 * leaves nothing behind and every open page learns that the conversation is gone.
 */
export interface ChannelData {
  /**
   * Erases what is kept for these identities and ends their sessions; identities of other channels are ignored.
   * `unlinked`: the identity no longer belongs to the learner (its sessions end, nothing else is erased by the store).
   */
  erase(identities: readonly Identity[], reason: 'deleted' | 'unlinked'): Promise<void>;
}
