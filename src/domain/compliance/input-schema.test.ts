import { describe, expect, it } from 'vitest';
import { buildComplianceCase } from './input-schema.ts';
import { buildCaseJson } from '../../../test/fixtures/compliance/build-case.ts';

const problemsOf = (json: unknown): string[] => {
  const built = buildComplianceCase(json);
  return built.ok ? [] : built.problems.map((problem) => `${problem.path}: ${problem.message}`);
};

describe('compliance case input (zod, strict, field paths in every message)', () => {
  it('accepts the canonical case and every field the scenarios use', () => {
    expect(problemsOf(buildCaseJson())).toEqual([]);
  });

  it('names an unknown IANA zone by its path', () => {
    expect(problemsOf(buildCaseJson({ consumer: { timezones: ['America/Nowhere'] } })))
      .toEqual(['given.consumer.timezones[0]: unknown IANA time zone "America/Nowhere"']);
  });

  it('refuses unknown (misspelt) fields instead of ignoring them', () => {
    expect(problemsOf(buildCaseJson({ action: { template_has_opt_out_notice: true } })))
      .toEqual(['proposed_action.template_has_opt_out_notice: unknown field']);
    expect(problemsOf(buildCaseJson({ action: { content_tags: ['threat_of_sut'] } }))[0]).toMatch(/^proposed_action\.content_tags\[0\]: Invalid option/);
  });

  it('names missing required fields and unparseable timestamps', () => {
    const json = buildCaseJson();
    delete (json.given as Record<string, unknown>).now_utc;
    expect(problemsOf(json)).toEqual(['given.now_utc: required field is missing']);
    expect(problemsOf(buildCaseJson({ at: '2024-06-12 15:00' }))).toContain(
      'given.now_utc: unparseable timestamp "2024-06-12 15:00" (expected ISO 8601 with Z or an offset, e.g. 2024-06-12T12:30:00Z)');
    expect(problemsOf(buildCaseJson({ at: '2024-02-30T15:00:00Z' }))[0]).toMatch(/^given\.now_utc: unparseable timestamp/);
  });

  it('requires a debt and refuses an action about a debt that was not given', () => {
    expect(problemsOf(buildCaseJson({ given: { debt: undefined }, action: { debt_ids: undefined } }))).toEqual(['given.debt: required field is missing (give `debt` or `debts`)']);
    expect(problemsOf(buildCaseJson({ action: { debt_ids: ['D7'] } }))).toEqual(['proposed_action.debt_ids[0]: unknown debt "D7" (not among the given debts)']);
  });

  it('reads facts filed under consumer (0.1) or beside it in given (0.6), and combines both', () => {
    const built = buildComplianceCase(buildCaseJson({
      consumer: { optouts: [{ medium: 'call', ts: '2024-06-01T00:00:00Z' }] },
      given: { optouts: [{ medium: 'sms', ts: '2024-06-02T00:00:00Z' }] },
    }));
    expect(built.ok && built.value.facts.consumer.optOuts.map((optOut) => optOut.medium)).toEqual(['call', 'sms']);
  });

  it('puts the stated or address zone first (the primary zone for day counting) and keeps every candidate', () => {
    const built = buildComplianceCase(buildCaseJson({ consumer: { timezones: ['America/New_York'], tz_sources: { address: 'America/Chicago', phone_area_code: 'America/New_York' } } }));
    expect(built.ok && built.value.facts.consumer.timeZones).toEqual(['America/Chicago', 'America/New_York']);
  });

  it('accepts an opt-out without a medium only when its words are given', () => {
    expect(problemsOf(buildCaseJson({ given: { optouts: [{ ts: '2024-06-01T00:00:00Z' }] } }))).toEqual(['given.optouts[0].medium: give `medium`, or `raw_text` to read it from']);
    expect(problemsOf(buildCaseJson({ given: { optouts: [{ ts: '2024-06-01T00:00:00Z', raw_text: 'pls dont text me anymore' }] } }))).toEqual([]);
  });
});
