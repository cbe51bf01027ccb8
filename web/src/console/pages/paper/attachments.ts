import { failureOf, ApiFailure } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import type { useSession } from '../../session.ts';

type Session = ReturnType<typeof useSession>;
export type Attachment = components['schemas']['Attachment'];

/**
 * Files go up as their own bytes (POST /v1/estates/{id}/attachments), which the typed client
 * does not send: fetch with the session's token, failures read as the client reads them.
 */
export async function uploadAttachment(session: Session, estateId: string, file: File): Promise<Attachment> {
  return session.authorized(async () => {
    const response = await fetch(`/v1/estates/${estateId}/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token() ?? ''}`, 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
    const body: unknown = await response.json().catch(() => undefined);
    return response.ok ? { data: body as Attachment, response } : { error: body, response };
  });
}

/** A kept scan, saved by the browser (a download is not a page the console's CSP would have to allow). */
export async function downloadAttachment(session: Session, url: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${session.token() ?? ''}` } });
  if (!response.ok) throw new ApiFailure(failureOf(response, await response.json().catch(() => undefined)));
  const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'scan');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
