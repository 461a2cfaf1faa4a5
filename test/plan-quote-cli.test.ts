import { describe, expect, it } from 'vitest';
import { runRecoup } from './support/cli.ts';

const workedExample = ['plan', 'quote', '--amount', '1200.00', '--currency', 'USD', '--installments', '12', '--frequency', 'monthly', '--apr', '9.5', '--start', '2026-01-15'];

describe('recoup plan quote', () => {
  it('prints the worked example as JSON, amounts as strings of minor units', async () => {
    const { code, stdout, stderr } = await runRecoup([...workedExample, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const quote = JSON.parse(stdout);
    expect(quote).toMatchObject({
      currency: 'USD', principalMinor: '120000', downPaymentMinor: '0', financedMinor: '120000', aprPercent: '9.5',
      method: 'amortized', frequency: 'monthly', totals: { paymentsMinor: '126265', interestMinor: '6265', principalMinor: '120000' },
    });
    expect(quote.installments).toHaveLength(12);
    expect(quote.installments[0]).toEqual({ number: 1, dueDate: '2026-02-15', paymentMinor: '10522', interestMinor: '950', principalMinor: '9572', remainingMinor: '110428' });
    expect(quote.installments[10]).toEqual({ number: 11, dueDate: '2026-12-15', paymentMinor: '10522', interestMinor: '165', principalMinor: '10357', remainingMinor: '10440' });
    expect(quote.installments[11]).toEqual({ number: 12, dueDate: '2027-01-15', paymentMinor: '10523', interestMinor: '83', principalMinor: '10440', remainingMinor: '0' });
  });

  it('prints the worked example as an aligned table with formatted amounts', async () => {
    const { code, stdout } = await runRecoup(workedExample);
    expect(code).toBe(0);
    expect(stdout).toBe([
      'Payment plan: 1,200.00 USD, 12 monthly installments from 2026-01-15, amortized interest at 9.5 % APR',
      '',
      '    #  due date    payment USD  interest  principal  remaining',
      '-----  ----------  -----------  --------  ---------  ---------',
      '    1  2026-02-15       105.22      9.50      95.72   1,104.28',
      '    2  2026-03-15       105.22      8.74      96.48   1,007.80',
      '    3  2026-04-15       105.22      7.98      97.24     910.56',
      '    4  2026-05-15       105.22      7.21      98.01     812.55',
      '    5  2026-06-15       105.22      6.43      98.79     713.76',
      '    6  2026-07-15       105.22      5.65      99.57     614.19',
      '    7  2026-08-15       105.22      4.86     100.36     513.83',
      '    8  2026-09-15       105.22      4.07     101.15     412.68',
      '    9  2026-10-15       105.22      3.27     101.95     310.73',
      '   10  2026-11-15       105.22      2.46     102.76     207.97',
      '   11  2026-12-15       105.22      1.65     103.57     104.40',
      '   12  2027-01-15       105.23      0.83     104.40       0.00',
      'total                 1,262.65     62.65   1,200.00',
      '',
    ].join('\n'));
  });

  it('defaults to no interest without --apr and shows the down payment first', async () => {
    const { code, stdout } = await runRecoup(['plan', 'quote', '--amount', '1000.00', '--currency', 'usd', '--installments', '3',
      '--frequency', 'biweekly', '--start', '2026-01-31', '--down-payment', '100.01', '--json']);
    expect(code).toBe(0);
    const quote = JSON.parse(stdout);
    expect(quote).toMatchObject({ currency: 'USD', method: 'none', aprPercent: '0', downPaymentMinor: '10001', downPaymentDueDate: '2026-01-31', financedMinor: '89999' });
    expect(quote.installments.map((row: { dueDate: string; paymentMinor: string }) => [row.dueDate, row.paymentMinor]))
      .toEqual([['2026-02-14', '30000'], ['2026-02-28', '30000'], ['2026-03-14', '29999']]);
    const human = await runRecoup(['plan', 'quote', '--amount', '1000.00', '--currency', 'USD', '--installments', '3',
      '--frequency', 'biweekly', '--start', '2026-01-31', '--down-payment', '100.01']);
    expect(human.stdout).toContain(' down  2026-01-31       100.01      0.00     100.01     899.99\n');
  });

  it('quotes simple interest when asked', async () => {
    const { code, stdout } = await runRecoup(['plan', 'quote', '--amount', '1000.00', '--currency', 'USD', '--installments', '3',
      '--frequency', 'monthly', '--start', '2026-01-15', '--apr', '10', '--interest', 'simple', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ method: 'simple', aprPercent: '10', totals: { interestMinor: '2500', paymentsMinor: '102500' } });
  });

  it('names the option at fault (exit 1)', async () => {
    const cases: Array<[string[], string]> = [
      [['--apr', '120'], '--apr:'],
      [['--apr', '9.5', '--down-payment', '1200.00'], '--down-payment:'],
      [['--currency', 'XYZ'], '--currency:'],
      [['--amount', '12.345'], '--amount:'],
      [['--amount=-5'], '--amount:'],
      [['--amount', '0'], '--amount:'],
      [['--installments', '0'], '--installments:'],
      [['--installments', 'twelve'], '--installments:'],
      [['--installments', '12', '--amount', '0.05'], '--installments:'],
      [['--frequency', 'daily'], '--frequency:'],
      [['--start', '2026-02-30'], '--start:'],
      [['--interest', 'compound'], '--interest:'],
      [['--interest', 'none', '--apr', '5'], '--apr:'],
    ];
    const base = ['plan', 'quote', '--amount', '1200.00', '--currency', 'USD', '--installments', '12', '--frequency', 'monthly', '--start', '2026-01-15'];
    for (const [extra, option] of cases) {
      const { code, stdout, stderr } = await runRecoup([...base, ...extra]);
      expect(code, extra.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr, extra.join(' ')).toMatch(new RegExp(`^recoup plan: ${option} \\S`));
    }
  });

  it('a missing option, a missing --apr for interest, or an unknown verb is a usage error (exit 2)', async () => {
    const missingStart = await runRecoup(['plan', 'quote', '--amount', '1200.00', '--currency', 'USD', '--installments', '12', '--frequency', 'monthly']);
    expect(missingStart.code).toBe(2);
    expect(missingStart.stderr).toContain('--start is required');
    expect(missingStart.stderr).toContain('Usage: recoup plan quote');
    const noApr = await runRecoup(['plan', 'quote', '--amount', '1200.00', '--currency', 'USD', '--installments', '12', '--frequency', 'monthly', '--start', '2026-01-15', '--interest', 'simple']);
    expect(noApr.code).toBe(2);
    expect(noApr.stderr).toContain('--apr is required with --interest simple');
    expect((await runRecoup(['plan', 'accept'])).code).toBe(2);
    expect((await runRecoup(['plan', 'quote', '--amount', '1', '--bogus'])).code).toBe(2);
  });
});
