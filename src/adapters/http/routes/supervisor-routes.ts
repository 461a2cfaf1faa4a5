import { z } from 'zod';
import { actorOf } from '../../../app/auth/roles.ts';
import { loadDashboard } from '../../../app/workbench/dashboard.ts';
import { loadTeamQueues, refreshWorkQueue } from '../../../app/workbench/work-queue.ts';
import { assignDebtors } from '../../../app/workbench/record-activity.ts';
import { loadStoredStrategies } from '../../../app/outreach/strategy-store.ts';
import { httpErrorOf } from '../http-error.ts';
import { calendarDateParam } from '../schemas.ts';
import type { App, HttpDeps } from '../server.ts';

export async function registerSupervisorRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  app.get('/api/dashboard', {
    config: { access: 'oversee' },
    schema: {
      tags: ['supervisor'], summary: 'Aging, collections by day, DSO/CEI trend, promises kept, contacts by channel and outcome, gate blocks by reason',
      querystring: z.object({ asOf: calendarDateParam('asOf').optional() }),
    },
  }, async (request) => loadDashboard(db, request.principal!.tenantId, request.query.asOf ?? today()));

  app.get('/api/team/queues', {
    config: { access: 'oversee' },
    schema: { tags: ['supervisor'], summary: 'Per specialist (and the unassigned pool): debtors, balances and top priority' },
  }, async (request) => ({ items: await loadTeamQueues(db, request.principal!.tenantId), nextCursor: null }));

  app.post('/api/assignments', {
    config: { access: 'supervise' },
    schema: {
      tags: ['supervisor'], summary: 'Assign debtors to a specialist',
      body: z.object({ debtorIds: z.array(z.string().min(1).max(100)).min(1).max(1000), userId: z.string().min(1).max(100) }),
    },
  }, async (request) => {
    const principal = request.principal!;
    const result = await assignDebtors(db, { tenantId: principal.tenantId, actor: actorOf(principal), userId: principal.userId, now: deps.clock.now(), debtorIds: request.body.debtorIds, assigneeId: request.body.userId });
    if (!result.ok) throw httpErrorOf(result);
    return result.value;
  });

  app.post('/api/queue/refresh', {
    config: { access: 'supervise' },
    schema: { tags: ['supervisor'], summary: "Recompute every debtor's priority for today" },
  }, async (request) => ({ refreshed: await refreshWorkQueue(db, { tenantId: request.principal!.tenantId, today: today(), force: true }) }));

  app.get('/api/strategies', {
    config: { access: 'read' },
    schema: { tags: ['supervisor'], summary: 'The outreach strategies loaded for the tenant' },
  }, async (request) => ({ items: await loadStoredStrategies(db, request.principal!.tenantId), nextCursor: null }));
}
