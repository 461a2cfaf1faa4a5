// REGF-TIME-MULTITZ: when all Recoup knows is the state, every zone used in that state is a candidate.
// One representative IANA zone per distinct clock: the tz database keeps many zones whose rules differ only
// before 1970 (America/Kentucky/Louisville, America/Indiana/Vevay, …); they behave like the zone listed.
// Sources: the tz database `zone1970.tab` comments and 49 CFR part 71 (the legal US time-zone boundaries).

const eastern = 'America/New_York';
const central = 'America/Chicago';
const mountain = 'America/Denver';
const pacific = 'America/Los_Angeles';

/**
 * Time zones in use in each US state, the District of Columbia, the territories and the freely associated
 * states that have USPS codes. Keys are USPS two-letter codes. Multi-zone states list every zone.
 * Military addresses (AA, AE, AP) are deliberately absent: they say nothing about where the person is.
 */
export const usStateTimeZones: Readonly<Record<string, readonly string[]>> = {
  AL: [central], // Phenix City unofficially keeps Eastern time; the law and the tz database say Central.
  AK: ['America/Anchorage', 'America/Adak'], // Aleutians west of 169°30'W keep Hawaii-Aleutian time.
  // Arizona keeps MST all year (America/Phoenix). The Navajo Nation keeps DST (America/Denver); it is
  // recognised from its ZIP codes, not from the state alone (see derive-candidate-time-zones.ts).
  AZ: ['America/Phoenix'],
  AR: [central],
  CA: [pacific],
  CO: [mountain],
  CT: [eastern],
  DE: [eastern],
  DC: [eastern],
  FL: [eastern, central], // Panhandle west of the Apalachicola River is Central.
  GA: [eastern],
  HI: ['Pacific/Honolulu'], // No daylight saving time.
  ID: ['America/Boise', pacific], // Panhandle north of the Salmon River is Pacific.
  IL: [central],
  IN: ['America/Indiana/Indianapolis', central], // Northwest (Gary) and southwest (Evansville) corners are Central.
  IA: [central],
  KS: [central, mountain], // Sherman, Wallace, Greeley and Hamilton counties are Mountain.
  KY: [eastern, central], // Western half is Central.
  LA: [central],
  ME: [eastern],
  MD: [eastern],
  MA: [eastern],
  MI: ['America/Detroit', 'America/Menominee'], // Four Upper Peninsula counties bordering Wisconsin are Central.
  MN: [central],
  MS: [central],
  MO: [central],
  MT: [mountain],
  NE: [central, mountain], // Panhandle and west are Mountain.
  NV: [pacific, mountain], // West Wendover (and Jackpot, unofficially) keep Mountain time.
  NH: [eastern],
  NJ: [eastern],
  NM: [mountain],
  NY: [eastern],
  NC: [eastern],
  ND: [central, mountain], // Southwest is Mountain.
  OH: [eastern],
  OK: [central],
  OR: [pacific, 'America/Boise'], // Most of Malheur County is Mountain.
  PA: [eastern],
  RI: [eastern],
  SC: [eastern],
  SD: [central, mountain], // West river is Mountain.
  TN: [eastern, central], // East Tennessee is Eastern, Middle and West are Central.
  TX: [central, mountain], // El Paso, Hudspeth and most of Culberson County are Mountain.
  UT: [mountain],
  VT: [eastern],
  VA: [eastern],
  WA: [pacific],
  WV: [eastern],
  WI: [central],
  WY: [mountain],
  // Territories.
  PR: ['America/Puerto_Rico'],
  VI: ['America/St_Thomas'],
  GU: ['Pacific/Guam'],
  MP: ['Pacific/Saipan'],
  AS: ['Pacific/Pago_Pago'],
  // Freely associated states served by USPS.
  FM: ['Pacific/Chuuk', 'Pacific/Pohnpei', 'Pacific/Kosrae'],
  MH: ['Pacific/Majuro', 'Pacific/Kwajalein'],
  PW: ['Pacific/Palau'],
};

/** Every zone of the fifty states and DC: the candidates when an address says only "US". */
export const usTimeZones: readonly string[] = [
  eastern, 'America/Indiana/Indianapolis', 'America/Detroit', central, 'America/Menominee', mountain,
  'America/Boise', 'America/Phoenix', pacific, 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu',
];

/**
 * ZIP prefixes (the first three digits, one USPS sectional centre) whose area crosses a time-zone line,
 * and single ZIPs the library misplaces, with every zone found there. zipcode-to-timezone gives one zone
 * per ZIP from a 2016 list that puts several of these places on the wrong side (47713 Evansville IN and
 * 42101 Bowling Green KY as Eastern, 97914 Ontario OR as Pacific, 79855 Van Horn TX as Central, 99546 Adak
 * AK as Alaska time), so a ZIP listed here adds these zones to the library's answer. Keys are 3-digit
 * prefixes or whole 5-digit ZIPs. Widening is the safe direction under REGF-TIME-MULTITZ.
 */
export const usZipBoundaryTimeZones: Readonly<Record<string, readonly string[]>> = {
  // Florida panhandle: Bay, Jackson, Calhoun, Gulf (split) and west are Central.
  '324': [eastern, central],
  '325': [central],
  // Indiana: Lake, Porter, LaPorte, Newton, Jasper, Starke (northwest) and Posey, Vanderburgh, Warrick,
  // Gibson, Spencer, Perry (southwest) are Central.
  '463': ['America/Indiana/Indianapolis', central],
  '464': [central],
  '465': ['America/Indiana/Indianapolis', central],
  '475': ['America/Indiana/Indianapolis', central],
  '476': ['America/Indiana/Indianapolis', central],
  '477': [central],
  '479': ['America/Indiana/Indianapolis', central],
  // Kentucky: the western half is Central.
  '401': [eastern, central],
  '420': [central],
  '421': [central],
  '422': [central],
  '423': [central],
  '424': [central],
  '426': [eastern, central],
  '427': [eastern, central],
  // Tennessee: the Cumberland Plateau counties south and west of Chattanooga and Knoxville are Central.
  '373': [eastern, central],
  '374': [eastern, central],
  '385': [eastern, central],
  // Michigan Upper Peninsula: Gogebic, Iron, Dickinson and Menominee counties are Central.
  '498': ['America/Detroit', 'America/Menominee'],
  '499': ['America/Detroit', 'America/Menominee'],
  // North Dakota, South Dakota, Nebraska, Kansas: the Central/Mountain line runs through these centres.
  '585': [central, mountain],
  '588': [central, mountain],
  '575': [central, mountain],
  '576': [central, mountain],
  '690': [central, mountain],
  '691': [central, mountain],
  '692': [central, mountain],
  '677': [central, mountain],
  '678': [central, mountain],
  // Texas: El Paso, Hudspeth and Culberson are Mountain; Brewster, Presidio, Jeff Davis are Central.
  '798': [central, mountain],
  '799': [mountain],
  // Idaho County is split at the Salmon River.
  '835': ['America/Boise', pacific],
  // Oregon: Malheur County (Ontario) is Mountain.
  '979': [pacific, 'America/Boise'],
  // Nevada: West Wendover and Jackpot keep Mountain time.
  '898': [pacific, mountain],
  // Alaska: Adak and Atka keep Hawaii-Aleutian time; the library says Anchorage.
  '99546': ['America/Adak'],
  '99547': ['America/Adak'],
};
