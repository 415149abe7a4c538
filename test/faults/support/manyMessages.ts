/** The fault suite sends far more messages from one address than a person could; the per-address limit is raised. */
export const MANY_MESSAGES = { UNAUTHENTICATED_MESSAGES_PER_MINUTE: '1000000' } as const;
