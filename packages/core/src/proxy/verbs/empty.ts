/** The response of a verb that returns no data. */
export type Empty = { data: Record<string, never> };
