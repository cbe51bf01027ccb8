import { ApiFailure, failureOf } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../session.ts';

type Attachment = components['schemas']['Attachment'];

/**
 * A motion's documents travel as files, which the typed client does not send or receive: the
 * upload (POST /estates/{id}/attachments, the file as the body) and opening a document (GET
 * /meetings/{id}/documents/{attachmentId}, with the bearer token) are made here, their
 * problems thrown as the typed client throws them.
 */
export function useDocuments() {
  const session = useSession();

  async function call(url: string, init: RequestInit): Promise<Response> {
    const send = () => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${session.token() ?? ''}` } });
    let response: Response;
    try {
      response = await send();
      // An expired access token: refreshed once, as the typed client's calls are.
      if (response.status === 401 && (await session.restore())) response = await send();
    } catch {
      throw new ApiFailure({ kind: 'network' });
    }
    if (!response.ok) throw new ApiFailure(failureOf(response, await response.json().catch(() => undefined)));
    return response;
  }

  /** Keeps the PDF with the estate and answers how a motion of the meeting cites it: {name, url, sha256}. */
  async function upload(estateId: string, meetingId: string, file: File) {
    const response = await call(`/v1/estates/${estateId}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: file,
    });
    const kept = (await response.json()) as Attachment;
    return { name: kept.name, url: `${window.location.origin}/v1/meetings/${meetingId}/documents/${kept.id}`, sha256: kept.sha256 };
  }

  /** Opens a document in a new tab (the link needs the bearer token, which a plain link does not send). */
  async function open(url: string) {
    const tab = window.open('', '_blank');
    const response = await call(url, { method: 'GET' });
    const blob = URL.createObjectURL(await response.blob());
    if (tab) tab.location.href = blob;
    else window.location.href = blob;
  }

  return { upload, open };
}
