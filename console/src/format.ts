/** Dates as the reader's locale shows them, in one place. */
export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '—');
