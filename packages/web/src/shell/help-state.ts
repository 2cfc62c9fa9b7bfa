// Whether the keyboard-shortcuts panel is open; the help button, the user menu and the `?`
// key all open it.
import { observable } from '../shared/store.ts';

export const helpOpen = observable(false);

export function openHelp(): void {
  helpOpen.set(true);
}

export function closeHelp(): void {
  helpOpen.set(false);
}

export function toggleHelp(): void {
  helpOpen.update((open) => !open);
}
