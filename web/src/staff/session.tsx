import { createContext, useCallback, useContext, useMemo, useState, useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, createApiClient, type ApiClient } from '../shared/api.ts';

export type Role = 'admin' | 'supervisor' | 'specialist' | 'auditor';
export type User = { id: string; email: string; name: string; role: Role; tenantId: string };
type AuthResponse = { user: User; csrfToken: string };

type Session = {
  api: ApiClient;
  user: User | null;
  /** false until the first /api/auth/me has answered */
  checked: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const api = useMemo(() => createApiClient(() => setUser(null)), []);

  useEffect(() => {
    api.get<AuthResponse>('/api/auth/me')
      .then((me) => {
        api.setCsrfToken(me.csrfToken);
        setUser(me.user);
      })
      .catch(() => setUser(null))
      .finally(() => setChecked(true));
  }, [api]);

  const login = useCallback(async (email: string, password: string) => {
    const response = await api.post<AuthResponse>('/api/auth/login', { email, password });
    api.setCsrfToken(response.csrfToken);
    queryClient.clear();
    setUser(response.user);
  }, [api, queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    api.setCsrfToken(null);
    queryClient.clear();
    setUser(null);
  }, [api, queryClient]);

  const value = useMemo(() => ({ api, user, checked, login, logout }), [api, user, checked, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (only rendered under the signed-in layout). */
export function useUser(): User {
  const { user } = useSession();
  if (user === null) throw new Error('useUser without a signed-in user');
  return user;
}

export const canWrite = (role: Role) => role !== 'auditor';
/** Who sees the supervisor dashboard (the auditor reads it too). */
export const canOversee = (role: Role) => role === 'supervisor' || role === 'admin' || role === 'auditor';
