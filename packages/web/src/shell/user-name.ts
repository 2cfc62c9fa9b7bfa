// How the shell names a user: display name, else e-mail; initials for the avatar.
import type { Me } from '../api/types.ts';

export function displayNameOf(me: Pick<Me, 'display_name' | 'firstname' | 'lastname' | 'email'>): string {
  const name = me.display_name ?? [me.firstname, me.lastname].filter(Boolean).join(' ');
  return name || me.email || 'Signed in';
}

export function initialsOf(me: Pick<Me, 'display_name' | 'firstname' | 'lastname' | 'email'>): string {
  const words = displayNameOf(me)
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
