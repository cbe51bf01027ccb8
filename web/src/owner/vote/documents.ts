/**
 * A motion's documents (issue 16). One kept by the service (…/v1/meetings/{id}/documents/{attachmentId}
 * on this origin) needs the owner's token, which a plain link does not send; so the app asks the
 * service for a short-lived signed link (POST …/link) and opens that — a real URL, which WeChat's
 * browser can show or hand to the phone's PDF viewer, where a blob: URL could do neither. A
 * document elsewhere (a link a motion cites as it is) stays a plain link.
 */
const KEPT = /^\/v1\/meetings\/([0-9a-f-]{36})\/documents\/([0-9a-f-]{36})$/;

export interface KeptDocument {
  meetingId: string;
  attachmentId: string;
}

/** The meeting and attachment of a document the service keeps, or undefined for a document elsewhere. */
export function keptDocument(url: string, origin: string): KeptDocument | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, origin);
  } catch {
    return undefined;
  }
  if (parsed.origin !== origin) return undefined;
  const match = KEPT.exec(parsed.pathname);
  return match ? { meetingId: match[1]!, attachmentId: match[2]! } : undefined;
}

/** What opening needs of the browser: a new tab (window.open), or going there in place. */
export interface Opener {
  openTab(): { location: { href: string }; closed: boolean; close(): void; opener: unknown } | null;
  goTo(url: string): void;
}

/**
 * Opens a kept document: the tab is opened at the tap (later, browsers block it as a pop-up), then
 * sent to the signed link once the service gives it. Where no tab opens (WeChat's browser, a pop-up
 * blocker), the link opens in place; the owner comes back with the back button and the session
 * restores itself from its cookie.
 */
export async function openKeptDocument(link: () => Promise<{ url: string }>, opener: Opener, origin: string): Promise<void> {
  const tab = opener.openTab();
  if (tab) tab.opener = null;
  try {
    const { url } = await link();
    const absolute = new URL(url, origin).href;
    if (tab && !tab.closed) tab.location.href = absolute;
    else opener.goTo(absolute);
  } catch (error) {
    tab?.close();
    throw error;
  }
}
