/**
 * Where to go on after a detour (logging in, verifying): a path of this app carried in the
 * `next` query, e.g. the meeting an SMS link opened. Only a path on this origin is followed
 * ("/…", never "//host…" or "https://…"), so a crafted link cannot send an owner elsewhere.
 */
export function nextPath(query: unknown): string | undefined {
  return typeof query === 'string' && query.startsWith('/') && !query.startsWith('//') && !query.startsWith('/\\') ? query : undefined;
}
