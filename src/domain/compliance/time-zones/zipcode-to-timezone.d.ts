// Types for zipcode-to-timezone 0.0.9 (CommonJS, ships none): `lookup('94110')` → 'America/Los_Angeles' or null.
declare module 'zipcode-to-timezone' {
  export function lookup(zipcode: string): string | null;
}
