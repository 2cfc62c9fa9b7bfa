// The server calls the app shell makes: accounts and sign-in, base members and API tokens.
// Shapes follow docs/api.md.
import { api } from '../api/http.ts';
import type { ListOf, Me } from '../api/types.ts';

/** Base roles, most to least powerful (docs/api.md "Base members"). */
export const baseRoles = ['owner', 'creator', 'editor', 'commenter', 'viewer', 'no-access'] as const;
export type BaseRole = (typeof baseRoles)[number];

export interface AppInfo {
  /** True until the first account signs up (it becomes the owner). */
  readonly firstUser: boolean;
  /** False only when anyone may sign up without an invitation. */
  readonly inviteOnlySignup: boolean;
}

export interface SignUpBody {
  readonly email: string;
  readonly password: string;
  readonly firstname?: string;
  readonly lastname?: string;
  /** An invitation's secret. */
  readonly token?: string;
}

export interface Member {
  readonly id: string;
  readonly email: string;
  readonly display_name: string | null;
  readonly roles: BaseRole;
  readonly created_at: string;
}

/** POST /users answers a member row when the address has an account, an invitation otherwise. */
export type AddMemberReply =
  | (Member & { readonly msg: string; readonly invite_token?: undefined })
  | { readonly msg: string; readonly email: string; readonly roles: BaseRole; readonly invite_token: string };

export type TokenAccess = 'read-write' | 'read';

export interface ApiToken {
  readonly id: string;
  /** The secret right after creation; `…abcd` (its last four characters) in lists. */
  readonly token: string;
  readonly description: string;
  readonly created_by: string | null;
  readonly created_at: string;
  readonly last_used_at: string | null;
  readonly expires_at: string | null;
  readonly scope: { readonly bases: readonly string[] | null; readonly access: TokenAccess };
}

export interface NewToken {
  readonly description: string;
  readonly access: TokenAccess;
  /** Base ids, or undefined for every base the creator can reach. */
  readonly bases?: readonly string[];
  readonly expires_at?: string;
}

export const authApi = {
  info: () => api<AppInfo>('GET', '/api/v2/meta/nocodb/info', undefined, { anonymous: true }),
  signIn: (email: string, password: string) =>
    api<{ token: string }>('POST', '/api/v1/auth/user/signin', { email, password }, { anonymous: true }),
  signUp: (body: SignUpBody) =>
    api<{ token: string }>('POST', '/api/v1/auth/user/signup', body, { anonymous: true }),
  signOut: () => api<{ msg: string }>('POST', '/api/v1/auth/user/signout', {}),
  forgotPassword: (email: string) =>
    api<{ msg: string }>('POST', '/api/v1/auth/password/forgot', { email }, { anonymous: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<{ msg: string; token: string }>('POST', '/api/v1/auth/password/change', {
      currentPassword,
      newPassword,
    }),
  /** The caller with `base_roles` on one base. */
  meOnBase: (baseId: string) =>
    api<Me>('GET', '/api/v1/auth/user/me', undefined, { query: { base_id: baseId } }),
};

const members = (baseId: string) => `/api/v2/meta/bases/${baseId}/users`;

export const membersApi = {
  list: (baseId: string) => api<{ users: ListOf<Member> }>('GET', members(baseId)),
  add: (baseId: string, email: string, role: BaseRole) =>
    api<AddMemberReply>('POST', members(baseId), { email, roles: role }),
  changeRole: (baseId: string, userId: string, role: BaseRole) =>
    api<Member>('PATCH', `${members(baseId)}/${userId}`, { roles: role }),
  remove: (baseId: string, userId: string) => api<{ msg: string }>('DELETE', `${members(baseId)}/${userId}`),
};

export const tokensApi = {
  list: () => api<ListOf<ApiToken>>('GET', '/api/v1/tokens'),
  create: (body: NewToken) => api<ApiToken>('POST', '/api/v1/tokens', body),
  revoke: (tokenId: string) => api<number>('DELETE', `/api/v1/tokens/${tokenId}`),
};
