import { createContext, useContext } from 'react';

const NonceContext = createContext<string | undefined>(undefined);
export const NonceProvider = NonceContext.Provider;

/** The per-request CSP nonce, for <Scripts> and any inline script. */
export function useNonce() {
  return useContext(NonceContext);
}
