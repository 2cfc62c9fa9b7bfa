// The signed-in user at the foot of the sidebar, with a menu: profile, API tokens, keyboard
// shortcuts and sign out.

import { useMe } from '../app/me-context.ts';
import { navigate } from '../app/router.ts';
import { openHelp } from './help-state.ts';
import { PopupMenu, useMenu } from './PopupMenu.tsx';
import { signOut } from './sign-out.ts';
import { displayNameOf, initialsOf } from './user-name.ts';

export function UserMenu() {
  const me = useMe();
  const menu = useMenu();
  return (
    <div className="user-menu">
      <button
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={menu.at !== null}
        onClick={(event) => {
          const rect = event.currentTarget.getBoundingClientRect();
          menu.open({ x: rect.left + 8, y: rect.top - 4, upward: true });
        }}
        data-testid="user-menu-button"
      >
        <span className="avatar" aria-hidden="true">
          {initialsOf(me)}
        </span>
        <span className="user-menu-text">
          <span className="user-menu-name">{displayNameOf(me)}</span>
          <span className="user-menu-email">{me.email}</span>
        </span>
      </button>
      {menu.at && (
        <PopupMenu
          at={menu.at}
          onClose={menu.close}
          actions={[
            { label: 'Profile', testId: 'menu-profile', onSelect: () => navigate({ page: 'profile' }) },
            { label: 'API tokens', testId: 'menu-tokens', onSelect: () => navigate({ page: 'tokens' }) },
            { label: 'Keyboard shortcuts', testId: 'menu-help', onSelect: openHelp },
            { label: 'Sign out', testId: 'menu-signout', onSelect: () => void signOut() },
          ]}
        />
      )}
    </div>
  );
}
