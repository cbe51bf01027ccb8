import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';

/** A confirmation before a binding or destructive action (ui.md): what will happen, and the two ways out. */
export interface Confirmation {
  title: string;
  body: string;
  ok: string;
  cancel: string;
}

/** Asks, and answers whether the person confirmed (closing the box or cancelling is a no). */
export async function confirmed({ title, body, ok, cancel }: Confirmation): Promise<boolean> {
  try {
    await ElMessageBox.confirm(body, title, { confirmButtonText: ok, cancelButtonText: cancel, type: 'warning' });
    return true;
  } catch {
    return false;
  }
}
