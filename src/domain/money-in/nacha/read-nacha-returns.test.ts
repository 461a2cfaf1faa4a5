import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NachaFile } from './nacha-file.ts';
import { parseNachaFile, type ParseNachaOptions } from './parse-nacha-file.ts';
import { readNachaReturns } from './read-nacha-returns.ts';
import { returnReasonCategory, returnReasonTitle, returnReasonTitles } from './return-reason-codes.ts';

// Copies of moov-io/ach test files (Apache-2.0): see test/fixtures/nacha/README.md.
const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/nacha/${name}`, import.meta.url), 'utf8');

function parsed(text: string, options?: ParseNachaOptions): NachaFile {
  const result = parseNachaFile(text, options);
  if (!result.ok) throw new Error(`line ${result.lineNumber} ${result.field}: ${result.message}`);
  return result.value;
}

function replaceLine(text: string, lineNumber: number, line: string): string {
  expect(line).toHaveLength(94);
  return text.split('\n').map((each, index) => (index === lineNumber - 1 ? line : each)).join('\n');
}

describe('readNachaReturns', () => {
  it('reads R01 and R03 returns with the original trace number, amount and receiver (return-WEB.ach)', () => {
    const { returns, notificationsOfChange } = readNachaReturns(parsed(fixture('return-WEB.ach')));
    expect(notificationsOfChange).toEqual([]);
    expect(returns).toEqual([
      expect.objectContaining({
        originalTraceNumber: '091400600000001', returnReasonCode: 'R01', returnReasonText: 'Insufficient Funds', amountMinor: 12354n,
        transactionCode: '26', individualId: 'MjMxNDAwMjAtOGQ', individualName: 'Paul Jones', accountNumber: '123456789', rdfiRoutingNumber: '091400606',
        addendaTraceNumber: '091000017611242', dateOfDeath: null, isDishonored: false, isContested: false, standardEntryClassCode: 'WEB',
      }),
      expect.objectContaining({
        originalTraceNumber: '091400600000003', returnReasonCode: 'R03', returnReasonText: 'No Account/Unable to Locate Account', amountMinor: 4565n,
        transactionCode: '21', individualName: 'Bob Marley', addendaTraceNumber: '021000029461242',
      }),
    ]);
  });

  it('reports a custom return code without a title when the file was parsed accepting custom codes', () => {
    const { returns } = readNachaReturns(parsed(fixture('return-PPD-custom-reason-code.ach'), { customReturnCodes: true }));
    expect(returns).toEqual([expect.objectContaining({
      originalTraceNumber: '092221172022300', returnReasonCode: 'R97', returnReasonText: null, amountMinor: 106161n,
      individualId: 'xxxxxxx3105', individualName: 'Jane Doe', addendaTraceNumber: '092221170000001', isDishonored: false,
    })]);
  });

  it('reads the date of death of R15 returns, in the century that puts it before the file', () => {
    // return-WEB.ach was created on 18-10-17: a death on 99-01-01 is in 1999, on 18-04-10 in 2018.
    const line = (date: string) => `799R15091400600000001${date}09100001${' '.repeat(44)}091000017611242`;
    const text = fixture('return-WEB.ach');
    expect(readNachaReturns(parsed(replaceLine(text, 4, line('180410')))).returns[0]).toMatchObject({ returnReasonCode: 'R15', dateOfDeath: '2018-04-10' });
    expect(readNachaReturns(parsed(replaceLine(text, 4, line('990101')))).returns[0]?.dateOfDeath).toBe('1999-01-01');
    expect(readNachaReturns(parsed(replaceLine(text, 4, line('181399')))).returns[0]?.dateOfDeath).toBeNull();
  });

  it('flags dishonored returns (R61, R62, R67-R70) and reads the return they dishonor', () => {
    const line = '799R68091400600000001      09100001   091000017611242301' + '01' + 'Untimely return'.padEnd(21) + '091400600000009';
    const { returns } = readNachaReturns(parsed(replaceLine(fixture('return-WEB.ach'), 4, line)));
    expect(returns[0]).toMatchObject({
      returnReasonCode: 'R68', returnReasonText: 'Untimely Return', isDishonored: true, isContested: false,
      originalReturnReasonCode: 'R01', addendaInformation: 'Untimely return', addendaTraceNumber: '091400600000009',
    });
  });

  it('flags contested dishonored returns (R71-R77) (contested_addenda.txt)', () => {
    const { returns } = readNachaReturns(parsed(fixture('contested_addenda.txt')));
    expect(returns).toEqual([expect.objectContaining({
      originalTraceNumber: '123456780000069', returnReasonCode: 'R72', returnReasonText: 'Untimely Dishonored Return',
      isDishonored: false, isContested: true, originalReturnReasonCode: 'R01', amountMinor: 1560n, individualName: 'Bruce Wayne',
    })]);
  });

  it('reads a notification of change and the field it corrects (cor-example.ach, C01)', () => {
    const { returns, notificationsOfChange } = readNachaReturns(parsed(fixture('cor-example.ach')));
    expect(returns).toEqual([]);
    expect(notificationsOfChange).toEqual([expect.objectContaining({
      originalTraceNumber: '121042880000001', changeCode: 'C01', changeReasonText: 'Incorrect DFI Account Number', correctedData: '1918171614',
      correction: { accountNumber: '1918171614' }, isRefused: false, addendaTraceNumber: '091012980000088', accountNumber: '744-5678-99',
    })]);
  });

  it('splits corrected data by change code: C03 carries a routing number and an account number', () => {
    const line = `798C03121042880000001      12104288${'091000019   98765432101'.padEnd(29)}${' '.repeat(15)}091012980000088`;
    const { notificationsOfChange } = readNachaReturns(parsed(replaceLine(fixture('cor-example.ach'), 4, line)));
    expect(notificationsOfChange[0]?.correction).toEqual({ routingNumber: '091000019', accountNumber: '98765432101' });
  });

  it('reads IAT returns, taking the name and identifier from addenda 10 and 15', () => {
    const { returns } = readNachaReturns(parsed(fixture('iat-addenda99.ach')));
    expect(returns).toEqual([expect.objectContaining({
      originalTraceNumber: '231380100000001', returnReasonCode: 'R01', amountMinor: 100000n, individualName: 'BEK Enterprises',
      individualId: '987465493213987', standardEntryClassCode: 'IAT',
    })]);
  });

  it('finds no returns in a file of debits', () => {
    expect(readNachaReturns(parsed(fixture('ppd-debit.ach')))).toEqual({ returns: [], notificationsOfChange: [] });
  });
});

describe('return reason codes', () => {
  it('names the codes R01-R85 that NACHA assigns, and no others', () => {
    expect(returnReasonTitle('R01')).toBe('Insufficient Funds');
    expect(returnReasonTitle('R10')).toMatch(/^Customer Advises Originator is Not Known/);
    expect(returnReasonTitle('R85')).toBe('Incorrectly Coded Outbound International Payment');
    expect(returnReasonTitle('R48')).toBeNull();
    expect(returnReasonTitle('R97')).toBeNull();
    // R01-R47, R50-R53, R61, R62, R67-R70, R71-R77, R80-R85: 47 + 4 + 6 + 7 + 6.
    expect(Object.keys(returnReasonTitles)).toHaveLength(70);
  });

  it('sorts codes into returns, dishonored returns and contested dishonored returns', () => {
    expect(['R01', 'R61', 'R62', 'R70', 'R71', 'R77', 'R80'].map(returnReasonCategory)).toEqual([
      'return', 'dishonored_return', 'dishonored_return', 'dishonored_return', 'contested_dishonored_return', 'contested_dishonored_return', 'return',
    ]);
  });
});
