// The signed-in user, for every page under the app shell.
import { createContext, useContext } from 'react';
import type { Me } from '../api/types.ts';

export const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside a signed-in page');
  return me;
}
