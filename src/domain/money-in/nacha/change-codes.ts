// Notification of change codes (NACHA Operating Rules, Appendix Five), with their official titles.
// C61-C69 are refused notifications of change, sent back by the ODFI.
export const changeCodeTitles: Readonly<Record<string, string>> = {
  C01: 'Incorrect DFI Account Number',
  C02: 'Incorrect Routing Number',
  C03: 'Incorrect Routing Number and Incorrect DFI Account Number',
  C04: 'Incorrect Individual Name/Receiving Company Name',
  C05: 'Incorrect Transaction Code',
  C06: 'Incorrect DFI Account Number and Incorrect Transaction Code',
  C07: 'Incorrect Routing Number, Incorrect DFI Account Number, and Incorrect Transaction Code',
  C08: 'Incorrect Receiving DFI Identification (IAT Only)',
  C09: 'Incorrect Individual Identification Number',
  C10: 'Incorrect Company Name',
  C11: 'Incorrect Company Identification',
  C12: 'Incorrect Company Name and Company Identification',
  C13: 'Addenda Format Error',
  C14: 'Incorrect SEC Code for Outbound International Payment',
  C61: 'Misrouted Notification of Change',
  C62: 'Incorrect Trace Number',
  C63: 'Incorrect Company Identification Number',
  C64: 'Incorrect Individual Identification Number/Identification Number',
  C65: 'Incorrectly Formatted Corrected Data',
  C66: 'Incorrect Discretionary Data',
  C67: 'Routing Number Not From Original Entry Detail Record',
  C68: 'DFI Account Number Not From Original Entry Detail Record',
  C69: 'Incorrect Transaction Code',
};

/** The official title of a change code, or null for a code the NACHA rules do not assign. */
export function changeCodeTitle(code: string): string | null {
  return changeCodeTitles[code] ?? null;
}

/** Whether a change code is an ODFI's refusal of a notification of change (C61-C69). */
export function isRefusedChangeCode(code: string): boolean {
  return /^C6\d$/.test(code);
}
