// A base's members and their roles. Owners invite by e-mail with a role (an address without an
// account gets an invitation link to pass on), change roles and remove members; everyone else
// sees the list and may leave the base.
import { type ReactNode, useCallback, useState } from 'react';
import { useMe } from '../app/me-context.ts';
import { navigate } from '../app/router.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { CopyField } from '../ui/CopyField.tsx';
import { showToast } from '../ui/toasts.tsx';
import { loadBaseRole, useBaseAccess } from './base-access.ts';
import { Pending } from './LoadState.tsx';
import { Page } from './Page.tsx';
import { reloadBases } from './schema-store.ts';
import { type BaseRole, baseRoles, type Member, membersApi } from './shell-api.ts';
import { useFormSubmit } from './use-form-submit.ts';
import { type Loaded, useLoaded } from './use-loaded.ts';

/** What each role adds (each includes the ones after it). */
const roleHelp: Record<BaseRole, string> = {
  owner: 'members and the base itself',
  creator: 'tables, fields and views',
  editor: 'records',
  commenter: 'comments',
  viewer: 'reads',
  'no-access': 'nothing',
};

function useMembers(baseId: string): [Loaded<Member[]>, () => Promise<void>] {
  return useLoaded(useCallback(async () => (await membersApi.list(baseId)).users.list, [baseId]));
}

/** The invitation page of the web app, the e-mail prefilled. */
function invitationLink(token: string, email: string): string {
  const query = new URLSearchParams({ token, email });
  return `${location.origin}/signup?${query}`;
}

function RoleSelect({
  value,
  onChange,
  testId,
  disabled,
}: {
  value: BaseRole;
  onChange(role: BaseRole): void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <select
      className="select role-select"
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as BaseRole)}
      aria-label="Role"
      data-testid={testId}
    >
      {baseRoles.map((role) => (
        <option key={role} value={role} title={roleHelp[role]}>
          {role}
        </option>
      ))}
    </select>
  );
}

function InviteForm({ baseId, onAdded }: { baseId: string; onAdded(): void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<BaseRole>('editor');
  const { busy, error, onSubmit } = useFormSubmit();
  const [invitation, setInvitation] = useState<{ email: string; link: string } | null>(null);

  const submit = onSubmit(async () => {
    setInvitation(null);
    const reply = await membersApi.add(baseId, email.trim(), role);
    if (reply.invite_token)
      setInvitation({ email: reply.email, link: invitationLink(reply.invite_token, reply.email) });
    else showToast(`${reply.email} added as ${reply.roles}`);
    setEmail('');
    onAdded();
  });

  return (
    <form className="card panel invite-form" onSubmit={submit} data-testid="invite-form">
      <h2>Invite someone</h2>
      <div className="inline-row">
        <input
          className="input"
          type="email"
          required
          placeholder="name@example.com"
          aria-label="E-mail"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          data-testid="invite-email"
        />
        <RoleSelect value={role} onChange={setRole} testId="invite-role" />
        <button type="submit" className="button button-primary" disabled={busy} data-testid="invite-submit">
          Invite
        </button>
      </div>
      <p className="role-legend">
        {baseRoles
          .filter((role) => role !== 'no-access')
          .map((role) => `${role}: ${roleHelp[role]}`)
          .join(' · ')}
      </p>
      {error && (
        <p className="field-error" role="alert" data-testid="invite-error">
          {error}
        </p>
      )}
      {invitation && (
        <div className="invite-result" data-testid="invite-result">
          <p>
            <strong>{invitation.email}</strong> has no account yet. They were invited (by e-mail when the
            server has a mail server); you can also send them this link, valid for 7 days. It is shown only
            now.
          </p>
          <CopyField value={invitation.link} label="Invitation link" testId="invite-link" />
        </div>
      )}
    </form>
  );
}

export function MembersPage({ baseId }: { baseId: string }) {
  const me = useMe();
  const access = useBaseAccess(baseId);
  const [state, reload] = useMembers(baseId);
  const [removing, setRemoving] = useState<Member | null>(null);

  const changeRole = async (member: Member, role: BaseRole) => {
    try {
      await membersApi.changeRole(baseId, member.id, role);
      showToast(`${member.email} is now ${role}`);
      if (member.id === me.id) void loadBaseRole(baseId);
    } catch (error) {
      showToast((error as Error).message, 'error');
    }
    await reload();
  };

  let body: ReactNode;
  if (state.status !== 'ready')
    body = <Pending state={state} label="Loading members" onRetry={() => void reload()} />;
  else
    body = (
      <table className="data-table card" data-testid="members-table">
        <thead>
          <tr>
            <th>Member</th>
            <th>Role</th>
            <th>Since</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {state.data.map((member) => {
            const self = member.id === me.id;
            return (
              <tr key={member.id} data-testid={`member-row-${member.email}`}>
                <td>
                  <div className="member-name">{member.display_name ?? member.email}</div>
                  {member.display_name && <div className="muted">{member.email}</div>}
                </td>
                <td>
                  {access.canManage ? (
                    <RoleSelect
                      value={member.roles}
                      onChange={(role) => void changeRole(member, role)}
                      testId={`member-role-${member.email}`}
                    />
                  ) : (
                    <span className="chip" data-testid={`member-role-${member.email}`}>
                      {member.roles}
                    </span>
                  )}
                </td>
                <td className="muted">{member.created_at.slice(0, 10)}</td>
                <td className="row-actions">
                  {(access.canManage || self) && (
                    <button
                      type="button"
                      className="button button-small button-danger"
                      onClick={() => setRemoving(member)}
                      data-testid={`member-remove-${member.email}`}
                    >
                      {self ? 'Leave' : 'Remove'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );

  return (
    <Page title="Members" testId="members-page">
      {access.loaded && !access.canManage && (
        <p className="page-description">Only the base's owners can invite people and change roles.</p>
      )}
      {access.canManage && <InviteForm baseId={baseId} onAdded={() => void reload()} />}
      {body}
      {removing && (
        <ConfirmDialog
          title={removing.id === me.id ? 'Leave base' : 'Remove member'}
          confirmLabel={removing.id === me.id ? 'Leave' : 'Remove'}
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await membersApi.remove(baseId, removing.id);
            setRemoving(null);
            if (removing.id === me.id) {
              void loadBaseRole(baseId);
              await reloadBases();
              navigate({ page: 'home' });
              return;
            }
            await reload();
          }}
        >
          {removing.id === me.id ? (
            <>Leave this base? You will need a new invitation to come back.</>
          ) : (
            <>
              Remove <strong>{removing.email}</strong> from this base? Their API tokens lose access to it too.
            </>
          )}
        </ConfirmDialog>
      )}
    </Page>
  );
}
