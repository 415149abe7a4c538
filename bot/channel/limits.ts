/**
 * Longest message text a channel edge accepts, in characters. Far longer than an answer may be (the conversation
 * takes at most 10,000 characters and says so), so that a learner who pastes a long text is told the limit in the
 * chat instead of seeing the widget fail to send.
 */
export const MAX_INBOUND_TEXT_CHARS = 100_000;
