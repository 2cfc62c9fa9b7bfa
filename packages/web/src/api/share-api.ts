// A view's public link: create it, set or clear its password, stop sharing (docs/api.md
// "Shared views and public forms"), and the address it opens at.
import { api } from './http.ts';
import { type View, ViewType } from './types.ts';

const share = (viewId: string) => `/api/v2/meta/views/${viewId}/share`;

export const shareApi = {
  create: (viewId: string) => api<View>('POST', share(viewId), {}),
  setPassword: (viewId: string, password: string | null) => api<View>('PATCH', share(viewId), { password }),
  disable: (viewId: string) => api<unknown>('DELETE', share(viewId)),
};

/** The public address of a shared view: forms open the form page, the others the read-only view. */
export function sharedViewUrl(view: View): string | undefined {
  if (!view.uuid) return undefined;
  const kind = view.type === ViewType.form ? 'form' : 'view';
  return `${location.origin}/shared/${kind}/${view.uuid}`;
}
