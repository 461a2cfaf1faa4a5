/** Who may do what: four roles, and the access level each route declares (checked before anything else). */
export const roles = ['admin', 'supervisor', 'specialist', 'auditor'] as const;
export type Role = (typeof roles)[number];

/**
 * The access levels routes declare. `read`: every signed-in role (the auditor reads everything);
 * `work`: the people who work accounts; `supervise`: supervisors and admins; `admin`: admins only.
 * No level lets the auditor change anything: the auditor is read-only by construction.
 */
export const accessLevels = {
  read: ['admin', 'supervisor', 'specialist', 'auditor'],
  work: ['admin', 'supervisor', 'specialist'],
  supervise: ['admin', 'supervisor'],
  oversee: ['admin', 'supervisor', 'auditor'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type AccessLevel = keyof typeof accessLevels;

export const isAllowed = (role: Role, level: AccessLevel): boolean => (accessLevels[level] as readonly Role[]).includes(role);

/** The signed-in user behind a request, by session cookie or API token. */
export type Principal = {
  tenantId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: 'session' | 'token';
  /** The session's CSRF token (cookie sessions only). */
  csrfToken: string | null;
};

/** The audit log's actor for a user. */
export const actorOf = (principal: Pick<Principal, 'userId'>) => `user:${principal.userId}`;
