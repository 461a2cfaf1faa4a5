// `recoup compliance check`, driven through main() with a captured Io (no process spawned).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import type { Io } from '../io.ts';
import { buildCaseJson } from '../../../test/fixtures/compliance/build-case.ts';

const fixtures = new URL('../../../test/fixtures/compliance/', import.meta.url).pathname;

function captureIo(stdin = '', cwd = fixtures): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => { out += text; },
    stderr: (text) => { err += text; },
    stdin: Readable.from([stdin]),
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

describe('recoup compliance check', () => {
  it('runs every shared scenario and ends with "N passed, N failed"', async () => {
    const io = captureIo();
    const code = await main(['compliance', 'check', '--cases', 'scenarios.json'], io);
    const lines = io.out().trim().split('\n');
    expect(lines.at(-1)).toBe('63 passed, 0 failed');
    expect(lines.filter((line) => line.startsWith('PASS '))).toHaveLength(63);
    expect(lines).toContain('PASS S17');
    expect(code).toBe(0);
  });

  it('prints the decision of one case read from a file, as JSON', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'recoup-compliance-'));
    writeFileSync(join(directory, 'case.json'), JSON.stringify(buildCaseJson({ at: '2024-06-12T11:30:00Z' })));
    const io = captureIo('', directory);
    expect(await main(['compliance', 'check', 'case.json'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as Record<string, unknown>;
    expect(printed).toMatchObject({ decision: 'allow_after', reason_ids: ['REGF-TIME-8TO9'], allow_after_utc: '2024-06-12T12:00:00Z', required_disclosures: [] });
    expect(Object.keys(printed).slice(0, 4)).toEqual(['decision', 'reason_ids', 'allow_after_utc', 'required_disclosures']);
  });

  it('reads the case from standard input with "-" and lists required disclosures', async () => {
    const io = captureIo(JSON.stringify(buildCaseJson({ consumer: { state: 'PA' }, action: { channel: 'sms', template_has_optout_notice: true } })));
    expect(await main(['compliance', 'check', '-'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ decision: 'allow_with_requirements', required_disclosures: ['OPTOUT_NOTICE', 'MM_SUBSEQUENT'] });
  });

  it('exits 1 naming the field of a malformed case: unknown zone, unknown field, bad timestamp', async () => {
    const bad = buildCaseJson({ consumer: { timezones: ['America/Nowhere'] }, action: { colour: 'blue' } });
    const io = captureIo(JSON.stringify(bad));
    expect(await main(['compliance', 'check'], io)).toBe(1);
    expect(io.err()).toContain('given.consumer.timezones[0]: unknown IANA time zone "America/Nowhere"');
    expect(io.err()).toContain('proposed_action.colour: unknown field');
    const time = captureIo(JSON.stringify(buildCaseJson({ at: 'yesterday' })));
    expect(await main(['compliance', 'check', '-'], time)).toBe(1);
    expect(time.err()).toContain('given.now_utc: unparseable timestamp "yesterday"');
  });

  it('exits 1 on a file that is missing or not JSON, and on a scenarios file with a malformed case', async () => {
    const missing = captureIo();
    expect(await main(['compliance', 'check', 'nope.json'], missing)).toBe(1);
    expect(missing.err()).toContain('nope.json: no such file');
    const notJson = captureIo('{ given: ');
    expect(await main(['compliance', 'check', '-'], notJson)).toBe(1);
    expect(notJson.err()).toContain('standard input: not valid JSON');
    const cases = captureIo(JSON.stringify({ scenarios: [{ id: 'X1', ...buildCaseJson(), expected: { decision: 'allow' } }, { id: 'X2', given: {}, proposed_action: {} }] }));
    expect(await main(['compliance', 'check', '--cases', '-'], cases)).toBe(1);
    expect(cases.err()).toContain('scenarios[1].given.now_utc: required field is missing');
  });

  it('reports a failing case with what differs, and exits 1', async () => {
    const cases = { scenarios: [{ id: 'X1', ...buildCaseJson({ at: '2024-06-12T11:30:00Z' }), expected: { decision: 'allow' } }] };
    const io = captureIo(JSON.stringify(cases));
    expect(await main(['compliance', 'check', '--cases', '-'], io)).toBe(1);
    expect(io.out()).toContain('FAIL X1  decision: expected allow, got allow_after');
    expect(io.out().trim().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('exits 2 on a usage error', async () => {
    const io = captureIo();
    expect(await main(['compliance', 'verify'], io)).toBe(2);
    expect(io.err()).toContain('unknown verb "verify"');
    expect(await main(['compliance', 'check', 'a.json', '--cases', 'b.json'], captureIo())).toBe(2);
  });
});
