import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Select, TextInput } from '@mantine/core';
import { describeError } from '../shared/api.ts';
import { itemsOf } from '../shared/ui.tsx';
import { useSession, useUser, type Role } from './session.tsx';

export type TeamQueue = { userId: string | null; name: string | null; debtors: number; balances: Record<string, string>; topPriority: number };
type UserRow = { id: string; name: string; email?: string; role: string };

export const canAssign = (role: Role) => role === 'admin' || role === 'supervisor';

export function useTeamQueues(enabled = true) {
  const { api } = useSession();
  return useQuery({ queryKey: ['team-queues'], enabled, queryFn: async () => itemsOf<TeamQueue>(await api.get('/api/team/queues')) });
}

/**
 * Who debtors can be assigned to: every specialist and supervisor of the tenant (GET /api/users, which
 * admins and supervisors may read), plus anyone who already has a queue.
 */
export function useAssignees(): Map<string, string> {
  const { api } = useSession();
  const user = useUser();
  const queues = useTeamQueues(canAssign(user.role));
  const users = useQuery({ queryKey: ['users'], enabled: canAssign(user.role), queryFn: async () => itemsOf<UserRow>(await api.get('/api/users?limit=200')) });
  const assignees = new Map<string, string>();
  for (const row of users.data ?? []) if (row.role === 'specialist' || row.role === 'supervisor') assignees.set(row.id, `${row.name} (${row.role})`);
  for (const row of queues.data ?? []) if (row.userId !== null && !assignees.has(row.userId)) assignees.set(row.userId, row.name ?? row.userId);
  return assignees;
}

/** Assign debtors to one person: a picker (or a user id when nobody is known yet) and the button. */
export function AssignControl({ debtorIds, onAssigned, label = 'Assign' }: { debtorIds: string[]; onAssigned?: () => void; label?: string }) {
  const { api } = useSession();
  const queryClient = useQueryClient();
  const assignees = useAssignees();
  const [userId, setUserId] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: () => api.post('/api/assignments', { debtorIds, userId }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['team-queues'] });
      await queryClient.invalidateQueries({ queryKey: ['queue'] });
      onAssigned?.();
    },
  });
  return (
    <div>
      <Group align="flex-end" gap="sm">
        {assignees.size > 0 ? (
          <Select label="Assign to" data={[...assignees].map(([value, name]) => ({ value, label: name }))} value={userId} onChange={setUserId} searchable />
        ) : (
          <TextInput label="Assign to (user id)" value={userId ?? ''} onChange={(event) => setUserId(event.currentTarget.value.trim() || null)} />
        )}
        <Button onClick={() => assign.mutate()} loading={assign.isPending} disabled={userId === null || debtorIds.length === 0}>
          {label}{debtorIds.length > 0 ? ` ${debtorIds.length}` : ''}
        </Button>
      </Group>
      {assign.isError && <Alert color="red" role="alert" mt="xs">{describeError(assign.error)}</Alert>}
      {assign.isSuccess && <Alert color="green" role="status" mt="xs">Assigned.</Alert>}
    </div>
  );
}
