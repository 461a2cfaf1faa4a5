import { describe, expect, it } from 'vitest';
import { decideSettlementAuthority } from './decide-settlement-authority.ts';

describe('decideSettlementAuthority', () => {
  it('allows a discount exactly at the authority and refers one minor unit more to a supervisor', () => {
    const at = decideSettlementAuthority(100000n, 70000n, '30', 'USD');
    expect(at.ok && at.value).toMatchObject({ discountMinor: 30000n, discountPercent: '30.00', withinAuthority: true });
    const above = decideSettlementAuthority(100000n, 69999n, '30', 'USD');
    expect(above.ok && above.value.withinAuthority).toBe(false);
    expect(above.ok && above.value.reason).toContain('above the role\'s settlement authority of 30 %');
  });

  it('compares exactly where the rounded percentage would mislead', () => {
    // 1/3 off: 33.33 % shown, but 33.33 % authority does not cover 33.333… %.
    const third = decideSettlementAuthority(300n, 200n, '33.33', 'USD');
    expect(third.ok && third.value).toMatchObject({ discountPercent: '33.33', withinAuthority: false });
    expect(decideSettlementAuthority(300n, 200n, '33.334', 'USD')).toMatchObject({ ok: true, value: { withinAuthority: true } });
  });

  it('refuses a settlement that is not below the balance, or of nothing', () => {
    expect(decideSettlementAuthority(1000n, 1000n, '30', 'USD')).toMatchObject({ ok: false, code: 'invalid_amount', field: 'amount' });
    expect(decideSettlementAuthority(0n, 10n, '30', 'USD')).toMatchObject({ ok: false, code: 'invalid_amount' });
  });
});
