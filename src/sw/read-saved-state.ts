/** The worker's saved state (saved-state.ts) as read back, a pure function so that Node tests can check it. */

export interface SavedStateEntry {
  endpoints: string[];
  photoOrigins: string[];
  widths: Record<string, number>;
}

/** The saved entry as read back: whatever does not have the expected shape is dropped. */
export function readSavedState(value: unknown): SavedStateEntry {
  const saved = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof SavedStateEntry, unknown>>;
  const strings = (list: unknown) => (Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : []);
  const widths = typeof saved.widths === 'object' && saved.widths !== null ? Object.entries(saved.widths) : [];
  return {
    endpoints: strings(saved.endpoints),
    photoOrigins: strings(saved.photoOrigins),
    widths: Object.fromEntries(widths.filter(([, w]) => typeof w === 'number')),
  };
}
