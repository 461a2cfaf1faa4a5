// `npm run bench compliance`: issue #3 §8. Decisions per second of the compliance gate on one core, over
// seeded synthetic cases with 50-attempt histories, beside the same three rules (contact-hour window in every
// candidate zone, Reg F 7-in-7, written cease) written for json-rules-engine and run on the same inputs in the
// same run. Targets: ≥ 200,000 decisions/s, and ours ≥ 10× json-rules-engine. Benchmarks print; they never
// fail on a missed target. A disagreement between the two implementations on those three rules does fail.
//
// Fairness: both sides get the facts already validated and prepared (no JSON parsing timed) and the same zone
// clock (src/domain/compliance/zone-clock.ts) for local times, so the ratio measures the engines, not the date
// library. Ours runs every rule of the gate and computes allow_after instants; json-rules-engine runs three
// rules and only says which fired. The two run in alternating slices, so the machine's load weighs on both.
//
// Three ways of feeding facts, because memory dominates at this speed:
// - prebuilt, 256 cases cycled: the working set stays in cache, the usual throughput measure; the targets
//   are read against it;
// - prebuilt, all cases cycled: every decision starts from cold caches (facts built long before);
// - fresh: each case is built from JSON and decided at once by both engines, the dispatcher's situation, with
//   the caches and branch predictors disturbed by the build in between.
//
// Environment: BENCH_COMPLIANCE_CASES (default 4096), BENCH_COMPLIANCE_SECONDS (default 2 per measurement).
import { loadavg } from 'node:os';
import { Engine } from 'json-rules-engine';
import { decideCompliance } from '../src/domain/compliance/decide-compliance.ts';
import type { ComplianceFacts } from '../src/domain/compliance/compliance-facts.ts';
import { buildComplianceCase } from '../src/domain/compliance/input-schema.ts';
import { buildZoneClock } from '../src/domain/compliance/zone-clock.ts';

const seed = 20261124;
const historyLength = 50;
const targets = { decisionsPerSecondMin: 200_000, ratioMin: 10 };
const caseCount = Number(process.env.BENCH_COMPLIANCE_CASES ?? 4096);
const residentCases = 256;
const secondsPerSide = Number(process.env.BENCH_COMPLIANCE_SECONDS ?? 2);

const minute = 60_000;
const day = 86_400_000;
const states: Array<{ state: string; zones: string[] }> = [
  { state: 'NY', zones: ['America/New_York'] }, { state: 'IL', zones: ['America/Chicago'] }, { state: 'CO', zones: ['America/Denver'] },
  { state: 'AZ', zones: ['America/Phoenix'] }, { state: 'CA', zones: ['America/Los_Angeles'] }, { state: 'HI', zones: ['Pacific/Honolulu'] },
  { state: 'TX', zones: ['America/Chicago', 'America/Denver'] }, { state: 'FL', zones: ['America/New_York', 'America/Chicago'] },
  { state: 'PA', zones: ['America/New_York', 'America/Los_Angeles'] }, { state: 'AK', zones: ['America/Anchorage'] },
];
const outcomes = ['no_answer', 'no_answer', 'no_answer', 'voicemail_lcm', 'not_connected', 'delivered'];

/** mulberry32: a small seeded generator, so every run benchmarks the same cases. */
function buildRandom(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Seeded cases in the scenarios.json shape: a US consumer, two debts, 50 attempts over 60 days, one proposed call. */
function buildCaseJsons(count: number): unknown[] {
  const random = buildRandom(seed);
  const first = Date.parse('2024-01-01T00:00:00Z');
  const jsons: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const place = pick(random, states);
    const at = first + Math.floor(random() * 360 * 24 * 60) * minute;
    // 50 attempts over the last 60 days, mostly outbound calls about D1.
    const history = Array.from({ length: historyLength }, () => {
      const channel = pick(random, ['call', 'call', 'call', 'call', 'voicemail', 'sms', 'email']);
      return {
        ts_utc: new Date(at - Math.floor(random() * 60 * 24 * 60) * minute - minute).toISOString(),
        channel,
        direction: random() < 0.9 ? 'outbound' : 'inbound',
        outcome: channel === 'sms' || channel === 'email' ? 'delivered' : pick(random, outcomes),
        debt_ids: random() < 0.8 ? ['D1'] : ['D2'],
      };
    });
    jsons.push({
      given: {
        now_utc: new Date(at).toISOString(),
        consumer: { country: 'US', state: place.state, timezones: place.zones },
        history,
        flags: random() < 0.1 ? { cease_written_ts: new Date(at - 3 * day).toISOString() } : {},
        debts: [{ id: 'D1', type: 'consumer_credit_card', sol_expired: false }, { id: 'D2', type: 'medical', sol_expired: false }],
      },
      proposed_action: { channel: 'call', scheduled_ts_utc: new Date(at).toISOString(), debt_ids: ['D1'], dialer: 'manual' },
    });
  }
  return jsons;
}

/** Validates a case and prepares its facts (the gate's edge: zod, zones, inbound text, history columns). */
function buildFacts(json: unknown, index: number): ComplianceFacts {
  const built = buildComplianceCase(json);
  if (!built.ok) throw new Error(`bench case ${index} is malformed: ${built.problems[0]?.path}: ${built.problems[0]?.message}`);
  return built.value.facts;
}

// --- The three rules for json-rules-engine -------------------------------------------------------------

/** Facts a json-rules-engine run needs, computed by fact functions from the same normalised case. */
function buildJsonRulesEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({
    name: 'REGF-CEASE',
    priority: 3,
    conditions: { all: [{ fact: 'ceaseWrittenMs', operator: 'lessThanInclusive', value: { fact: 'atMs' } }] },
    event: { type: 'block', params: { ruleId: 'REGF-CEASE' } },
  });
  engine.addRule({
    name: 'REGF-TIME-8TO9',
    priority: 2,
    conditions: { all: [{ fact: 'zonesOutsideWindow', operator: 'greaterThan', value: 0 }] },
    event: { type: 'allow_after', params: { ruleId: 'REGF-TIME-8TO9' } },
  });
  engine.addRule({
    name: 'REGF-CALL-7IN7',
    priority: 1,
    conditions: { all: [{ fact: 'callsInSevenLocalDays', operator: 'greaterThanInclusive', value: 7 }] },
    event: { type: 'allow_after', params: { ruleId: 'REGF-CALL-7IN7' } },
  });
  // Dynamic facts: each reads the case from the almanac, as a json-rules-engine user would write them.
  engine.addFact('atMs', async (_params, almanac) => {
    const facts = (await almanac.factValue('case')) as ComplianceFacts;
    return Math.max(facts.action.scheduledMs, facts.nowMs);
  });
  engine.addFact('ceaseWrittenMs', async (_params, almanac) => {
    const facts = (await almanac.factValue('case')) as ComplianceFacts;
    return facts.consumer.flags.ceaseWrittenMs ?? Number.POSITIVE_INFINITY;
  });
  engine.addFact('zonesOutsideWindow', async (_params, almanac) => {
    const facts = (await almanac.factValue('case')) as ComplianceFacts;
    const at = (await almanac.factValue('atMs')) as number;
    return facts.consumer.timeZones.filter((zone) => {
      const localMinute = buildZoneClock(zone).computeLocalMillisecondOfDay(at) / minute;
      return localMinute < 8 * 60 || localMinute >= 21 * 60;
    }).length;
  });
  engine.addFact('callsInSevenLocalDays', async (_params, almanac) => {
    const facts = (await almanac.factValue('case')) as ComplianceFacts;
    const at = (await almanac.factValue('atMs')) as number;
    const clock = buildZoneClock(facts.consumer.timeZones[0]!);
    const today = clock.computeLocalDayNumber(at);
    let count = 0;
    for (const entry of facts.history ?? []) {
      if (entry.direction !== 'outbound' || (entry.channel !== 'call' && entry.channel !== 'voicemail') || entry.outcome === 'not_connected') continue;
      if (entry.debtIds !== undefined && !entry.debtIds.includes('D1')) continue;
      const entryDay = clock.computeLocalDayNumber(entry.atMs);
      if (entryDay > today - 7 && entryDay <= today) count += 1;
    }
    return count;
  });
  return engine;
}

type ThreeRuleVerdict = { cease: boolean; outsideHours: boolean; sevenInSeven: boolean };

function readOurVerdict(facts: ComplianceFacts): ThreeRuleVerdict {
  const ids = new Set(decideCompliance(facts).reasons.map((reason) => reason.ruleId));
  return { cease: ids.has('REGF-CEASE'), outsideHours: ids.has('REGF-TIME-8TO9') || ids.has('REGF-TIME-MULTITZ'), sevenInSeven: ids.has('REGF-CALL-7IN7') };
}

async function readJsonRulesVerdict(engine: Engine, facts: ComplianceFacts): Promise<ThreeRuleVerdict> {
  const { events } = await engine.run({ case: facts });
  const ids = new Set(events.map((event) => (event.params as { ruleId: string }).ruleId));
  return { cease: ids.has('REGF-CEASE'), outsideHours: ids.has('REGF-TIME-8TO9'), sevenInSeven: ids.has('REGF-CALL-7IN7') };
}

// --- Measurement -----------------------------------------------------------------------------------------

function formatRate(perSecond: number): string {
  return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
}

type Rate = { perSecond: number; perCpuSecond: number; decisions: number };

type Tally = { decisions: number; wallMs: number; cpuMicroseconds: number };

function buildRateFromTally(tally: Tally): Rate {
  return { perSecond: (tally.decisions / tally.wallMs) * 1000, perCpuSecond: (tally.decisions / tally.cpuMicroseconds) * 1_000_000, decisions: tally.decisions };
}

let sink = 0;

function runOursFor(cases: ComplianceFacts[], sliceMs: number, tally: Tally): void {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  let decisions = 0;
  do {
    for (const facts of cases) sink += decideCompliance(facts).reasons.length;
    decisions += cases.length;
  } while (performance.now() - started < sliceMs);
  const cpu = process.cpuUsage(startedCpu);
  tally.decisions += decisions;
  tally.wallMs += performance.now() - started;
  tally.cpuMicroseconds += cpu.user + cpu.system;
}

async function runJsonRulesFor(engine: Engine, cases: ComplianceFacts[], sliceMs: number, tally: Tally): Promise<void> {
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  let decisions = 0;
  do {
    for (const facts of cases) {
      await engine.run({ case: facts });
      decisions += 1;
    }
  } while (performance.now() - started < sliceMs);
  const cpu = process.cpuUsage(startedCpu);
  tally.decisions += decisions;
  tally.wallMs += performance.now() - started;
  tally.cpuMicroseconds += cpu.user + cpu.system;
}

/**
 * Both implementations run in alternating slices over the same cases, so a change in the machine's load
 * (other processes on a shared machine) weighs on both alike and the ratio stays meaningful.
 */
async function measureInterleaved(engine: Engine, cases: ComplianceFacts[], seconds: number): Promise<{ ours: Rate; theirs: Rate }> {
  const ours: Tally = { decisions: 0, wallMs: 0, cpuMicroseconds: 0 };
  const theirs: Tally = { decisions: 0, wallMs: 0, cpuMicroseconds: 0 };
  const sliceMs = 100;
  const rounds = Math.max(1, Math.round((seconds * 1000) / sliceMs));
  for (let round = 0; round < rounds; round += 1) {
    runOursFor(cases, sliceMs, ours);
    await runJsonRulesFor(engine, cases, sliceMs, theirs);
  }
  if (sink < 0) console.log(sink);
  return { ours: buildRateFromTally(ours), theirs: buildRateFromTally(theirs) };
}

/** The cost of one pair of `performance.now()` calls, subtracted from every timed decision. */
function measureTimerOverheadMs(): number {
  const rounds = 200_000;
  const started = performance.now();
  let total = 0;
  for (let round = 0; round < rounds; round += 1) {
    const before = performance.now();
    total += performance.now() - before;
  }
  return Math.min(total / rounds, (performance.now() - started) / rounds);
}

/**
 * The dispatcher's situation: facts are built from a loaded case and decided at once, so they are fresh in the
 * cache. Each case is built, then decided by both engines (in alternating order), and only the decisions are
 * timed. This is the figure the targets are read against.
 */
async function measureFresh(engine: Engine, jsons: unknown[], seconds: number): Promise<{ ours: Rate; theirs: Rate }> {
  const overheadMs = measureTimerOverheadMs();
  const ours: Tally = { decisions: 0, wallMs: 0, cpuMicroseconds: 0 };
  const theirs: Tally = { decisions: 0, wallMs: 0, cpuMicroseconds: 0 };
  const deadline = performance.now() + seconds * 1000;
  let index = 0;
  while (performance.now() < deadline) {
    const json = jsons[index % jsons.length];
    const facts = buildFacts(json, index % jsons.length);
    const oursFirst = index % 2 === 0;
    for (let turn = 0; turn < 2; turn += 1) {
      const started = performance.now();
      if ((turn === 0) === oursFirst) {
        sink += decideCompliance(facts).reasons.length;
        ours.wallMs += performance.now() - started - overheadMs;
        ours.decisions += 1;
      } else {
        await engine.run({ case: facts });
        theirs.wallMs += performance.now() - started - overheadMs;
        theirs.decisions += 1;
      }
    }
    index += 1;
  }
  // Per-decision CPU time cannot be read cheaply; wall time is interleaved case by case, so load weighs alike.
  ours.cpuMicroseconds = ours.wallMs * 1000;
  theirs.cpuMicroseconds = theirs.wallMs * 1000;
  return { ours: buildRateFromTally(ours), theirs: buildRateFromTally(theirs) };
}

export async function run(): Promise<void> {
  const jsons = buildCaseJsons(caseCount);
  const cases = jsons.map(buildFacts);
  const engine = buildJsonRulesEngine();

  // Both implementations must agree on the three shared rules before their speed means anything.
  let disagreements = 0;
  const counts = { cease: 0, outsideHours: 0, sevenInSeven: 0 };
  for (const facts of cases) {
    const ours = readOurVerdict(facts);
    const theirs = await readJsonRulesVerdict(engine, facts);
    if (ours.cease !== theirs.cease || ours.outsideHours !== theirs.outsideHours || ours.sevenInSeven !== theirs.sevenInSeven) disagreements += 1;
    counts.cease += Number(ours.cease);
    counts.outsideHours += Number(ours.outsideHours);
    counts.sevenInSeven += Number(ours.sevenInSeven);
  }
  if (disagreements > 0) throw new Error(`json-rules-engine and the gate disagree on ${disagreements} of ${cases.length} cases`);
  const decisionsByKind = new Map<string, number>();
  for (const facts of cases) {
    const kind = decideCompliance(facts).decision;
    decisionsByKind.set(kind, (decisionsByKind.get(kind) ?? 0) + 1);
  }

  // Warm both engines before any timing.
  for (let round = 0; round < 3; round += 1) for (const facts of cases) sink += decideCompliance(facts).reasons.length;
  for (const facts of cases) await engine.run({ case: facts });

  const fresh = await measureFresh(engine, jsons, secondsPerSide * 2);
  const resident = await measureInterleaved(engine, cases.slice(0, residentCases), secondsPerSide);
  const cold = await measureInterleaved(engine, cases, secondsPerSide);

  console.log(`cases: ${cases.length} seeded (seed ${seed}), ${historyLength}-attempt histories, one proposed call each, one core`);
  console.log(`mix: ${[...decisionsByKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}; rules fired: cease ${counts.cease}, outside hours ${counts.outsideHours}, 7-in-7 ${counts.sevenInSeven}`);
  console.log(`agreement on the three shared rules: ${cases.length}/${cases.length}`);
  console.log(`load average ${loadAverage()} (a shared machine: compare the ratios, which are measured interleaved)`);
  console.log('');
  console.log(`  ${'facts / implementation'.padEnd(62)} ${'decisions/s'.padStart(12)} ${'µs each'.padStart(9)} ${'CPU/s'.padStart(12)}`);
  const row = (label: string, rate: Rate, cpu: boolean): string =>
    `  ${label.padEnd(62)} ${formatRate(rate.perSecond).padStart(12)} ${(1_000_000 / rate.perSecond).toFixed(2).padStart(9)} ${(cpu ? formatRate(rate.perCpuSecond) : '').padStart(12)}`;
  const ratioRow = (rates: { ours: Rate; theirs: Rate }): string =>
    `  ${'  ratio ours / json-rules-engine'.padEnd(62)} ${`${(rates.ours.perSecond / rates.theirs.perSecond).toFixed(1)}×`.padStart(12)}`;
  console.log(row('fresh (built, then decided at once): gate, every rule', fresh.ours, false));
  console.log(row('fresh: json-rules-engine, window + 7-in-7 + cease', fresh.theirs, false));
  console.log(ratioRow(fresh));
  console.log(row(`prebuilt, ${residentCases} cases cycled: gate`, resident.ours, true));
  console.log(row(`prebuilt, ${residentCases} cases cycled: json-rules-engine`, resident.theirs, true));
  console.log(ratioRow(resident));
  console.log(row(`prebuilt, ${cases.length} cases cycled (cold caches): gate`, cold.ours, true));
  console.log(row(`prebuilt, ${cases.length} cases cycled (cold caches): json-rules-engine`, cold.theirs, true));
  console.log(ratioRow(cold));
  console.log('');
  const ratio = resident.ours.perSecond / resident.theirs.perSecond;
  console.log(`  target ≥ ${formatRate(targets.decisionsPerSecondMin)} (prebuilt, ${residentCases} cases): ${resident.ours.perSecond >= targets.decisionsPerSecondMin ? 'met' : 'MISSED'} (${formatRate(resident.ours.perSecond)})`);
  console.log(`  target ratio ≥ ${targets.ratioMin}× (prebuilt, ${residentCases} cases): ${ratio >= targets.ratioMin ? 'met' : 'MISSED'} (${ratio.toFixed(1)}×)`);
}

function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}
