/**
 * The face provider sends the owner back to /verify/face without the id of our check: /verify
 * keeps it in this tab's sessionStorage (an id, never a token) and /verify/face reads it once.
 */
export const FACE_CHECK_KEY = 'gongjue.faceCheck';

export function takeFaceCheck(): string | undefined {
  try {
    const id = sessionStorage.getItem(FACE_CHECK_KEY) ?? undefined;
    sessionStorage.removeItem(FACE_CHECK_KEY);
    return id;
  } catch {
    return undefined;
  }
}
