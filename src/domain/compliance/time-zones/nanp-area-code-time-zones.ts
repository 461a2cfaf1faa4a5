// REGF-TIME-MULTITZ: "a phone area code in one zone and a street address in another" are both candidates.
// Geographic area codes of the North American Numbering Plan in the United States (with its territories)
// and Canada, with every zone each one's territory covers. Overlays share their parent's territory.
// Source: NANPA area-code assignments and maps (nationalnanpa.com), checked against the state and province
// zone lines of us-state-time-zones.ts and country-time-zones.ts. Non-geographic codes (toll-free 8XX,
// 500/52X/533/544/566/577/588 personal, 600/622 Canadian non-geographic, 700, 900) are deliberately absent:
// they say nothing about where the person is. Numbers are portable, so an area code is weak evidence; it is
// still a candidate (RULES.md REGF-TIME-MULTITZ, edge cases).
// Maintenance: NANPA announces new overlays months ahead; add them to their state's row. Some listed here
// were announced but are not yet valid in libphonenumber-js 1.13 metadata (357, 436, 624, 679, 837, 861, 924).
// A geographic code missing from the table gives every zone of its country (derive-candidate-time-zones.ts).

const eastern = 'America/New_York';
const central = 'America/Chicago';
const mountain = 'America/Denver';
const pacific = 'America/Los_Angeles';
const indianaEastern = 'America/Indiana/Indianapolis';

type AreaCodeGroup = {
  /** USPS state code or Canadian province code(s): documentation, not used in lookups. */
  region: string;
  country: 'US' | 'CA';
  areaCodes: readonly string[];
  timeZones: readonly string[];
};

/** The table as maintained: one row per region and zone set. */
export const nanpAreaCodeGroups: readonly AreaCodeGroup[] = [
  { region: 'AL', country: 'US', areaCodes: ['205', '251', '256', '334', '659', '938'], timeZones: [central] },
  // 907 covers the whole state, the Aleutians (Hawaii-Aleutian time) included.
  { region: 'AK', country: 'US', areaCodes: ['907'], timeZones: ['America/Anchorage', 'America/Adak'] },
  { region: 'AZ', country: 'US', areaCodes: ['480', '520', '602', '623'], timeZones: ['America/Phoenix'] },
  // 928 covers northern Arizona, the Navajo Nation (which keeps DST) included.
  { region: 'AZ', country: 'US', areaCodes: ['928'], timeZones: ['America/Phoenix', mountain] },
  { region: 'AR', country: 'US', areaCodes: ['327', '479', '501', '870'], timeZones: [central] },
  {
    region: 'CA', country: 'US', timeZones: [pacific],
    areaCodes: [
      '209', '213', '279', '310', '323', '341', '350', '357', '369', '408', '415', '424', '442', '510', '530',
      '559', '562', '619', '626', '628', '650', '657', '661', '669', '707', '714', '738', '747', '760', '805',
      '818', '820', '831', '837', '840', '858', '909', '916', '925', '949', '951',
    ],
  },
  { region: 'CO', country: 'US', areaCodes: ['303', '719', '720', '748', '970', '983'], timeZones: [mountain] },
  { region: 'CT', country: 'US', areaCodes: ['203', '475', '860', '959'], timeZones: [eastern] },
  { region: 'DE', country: 'US', areaCodes: ['302'], timeZones: [eastern] },
  { region: 'DC', country: 'US', areaCodes: ['202', '771'], timeZones: [eastern] },
  {
    region: 'FL', country: 'US', timeZones: [eastern],
    areaCodes: [
      '239', '305', '321', '324', '352', '386', '407', '561', '645', '656', '689', '727', '728', '754', '772',
      '786', '813', '863', '904', '941', '954',
    ],
  },
  // 850/448 run from Tallahassee (Eastern) to Pensacola (Central).
  { region: 'FL', country: 'US', areaCodes: ['448', '850'], timeZones: [eastern, central] },
  {
    region: 'GA', country: 'US', timeZones: [eastern],
    areaCodes: ['229', '404', '470', '478', '678', '706', '762', '770', '912', '943'],
  },
  { region: 'HI', country: 'US', areaCodes: ['808'], timeZones: ['Pacific/Honolulu'] },
  { region: 'ID', country: 'US', areaCodes: ['208', '986'], timeZones: ['America/Boise', pacific] },
  {
    region: 'IL', country: 'US', timeZones: [central],
    areaCodes: [
      '217', '224', '309', '312', '331', '447', '464', '618', '630', '708', '730', '773', '779', '815', '847',
      '861', '872',
    ],
  },
  { region: 'IN', country: 'US', areaCodes: ['260', '317', '463', '765'], timeZones: [indianaEastern] },
  // 219 (Gary), 574 (South Bend, with Starke County) and 812/930 (Evansville) reach Central counties.
  { region: 'IN', country: 'US', areaCodes: ['219', '574', '812', '930'], timeZones: [indianaEastern, central] },
  { region: 'IA', country: 'US', areaCodes: ['319', '515', '563', '641', '712'], timeZones: [central] },
  { region: 'KS', country: 'US', areaCodes: ['316', '913'], timeZones: [central] },
  { region: 'KS', country: 'US', areaCodes: ['620', '785'], timeZones: [central, mountain] },
  { region: 'KY', country: 'US', areaCodes: ['502', '859'], timeZones: [eastern] },
  { region: 'KY', country: 'US', areaCodes: ['270', '364', '606'], timeZones: [eastern, central] },
  { region: 'LA', country: 'US', areaCodes: ['225', '318', '337', '504', '985'], timeZones: [central] },
  { region: 'ME', country: 'US', areaCodes: ['207'], timeZones: [eastern] },
  { region: 'MD', country: 'US', areaCodes: ['227', '240', '301', '410', '443', '667'], timeZones: [eastern] },
  {
    region: 'MA', country: 'US', timeZones: [eastern],
    areaCodes: ['339', '351', '413', '508', '617', '774', '781', '857', '978'],
  },
  {
    region: 'MI', country: 'US', timeZones: ['America/Detroit'],
    areaCodes: ['231', '248', '269', '313', '517', '586', '616', '679', '734', '810', '947', '989'],
  },
  { region: 'MI', country: 'US', areaCodes: ['906'], timeZones: ['America/Detroit', 'America/Menominee'] },
  {
    region: 'MN', country: 'US', timeZones: [central],
    areaCodes: ['218', '320', '507', '612', '651', '763', '924', '952'],
  },
  { region: 'MS', country: 'US', areaCodes: ['228', '601', '662', '769'], timeZones: [central] },
  {
    region: 'MO', country: 'US', timeZones: [central],
    areaCodes: ['235', '314', '417', '557', '573', '636', '660', '816', '975'],
  },
  { region: 'MT', country: 'US', areaCodes: ['406'], timeZones: [mountain] },
  { region: 'NE', country: 'US', areaCodes: ['402', '531'], timeZones: [central] },
  { region: 'NE', country: 'US', areaCodes: ['308'], timeZones: [central, mountain] },
  { region: 'NV', country: 'US', areaCodes: ['702', '725'], timeZones: [pacific] },
  // 775 includes West Wendover and Jackpot, which keep Mountain time.
  { region: 'NV', country: 'US', areaCodes: ['775'], timeZones: [pacific, mountain] },
  { region: 'NH', country: 'US', areaCodes: ['603'], timeZones: [eastern] },
  {
    region: 'NJ', country: 'US', timeZones: [eastern],
    areaCodes: ['201', '551', '609', '640', '732', '848', '856', '862', '908', '973'],
  },
  { region: 'NM', country: 'US', areaCodes: ['505', '575'], timeZones: [mountain] },
  {
    region: 'NY', country: 'US', timeZones: [eastern],
    areaCodes: [
      '212', '315', '329', '332', '347', '363', '516', '518', '585', '607', '624', '631', '646', '680', '716',
      '718', '838', '845', '914', '917', '929', '934',
    ],
  },
  {
    region: 'NC', country: 'US', timeZones: [eastern],
    areaCodes: ['252', '336', '472', '704', '743', '828', '910', '919', '980', '984'],
  },
  { region: 'ND', country: 'US', areaCodes: ['701'], timeZones: [central, mountain] },
  {
    region: 'OH', country: 'US', timeZones: [eastern],
    areaCodes: ['216', '220', '234', '283', '326', '330', '380', '419', '436', '440', '513', '567', '614', '740', '937'],
  },
  { region: 'OK', country: 'US', areaCodes: ['405', '539', '572', '580', '918'], timeZones: [central] },
  { region: 'OR', country: 'US', areaCodes: ['503', '971'], timeZones: [pacific] },
  // 541/458 include Malheur County (Mountain).
  { region: 'OR', country: 'US', areaCodes: ['458', '541'], timeZones: [pacific, 'America/Boise'] },
  {
    region: 'PA', country: 'US', timeZones: [eastern],
    areaCodes: [
      '215', '223', '267', '272', '412', '445', '484', '570', '582', '610', '717', '724', '814', '835', '878',
    ],
  },
  { region: 'RI', country: 'US', areaCodes: ['401'], timeZones: [eastern] },
  { region: 'SC', country: 'US', areaCodes: ['803', '821', '839', '843', '854', '864'], timeZones: [eastern] },
  { region: 'SD', country: 'US', areaCodes: ['605'], timeZones: [central, mountain] },
  { region: 'TN', country: 'US', areaCodes: ['865'], timeZones: [eastern] },
  { region: 'TN', country: 'US', areaCodes: ['615', '629', '731', '901', '931'], timeZones: [central] },
  // 423 runs from Chattanooga (Eastern) to Central counties of the Sequatchie valley.
  { region: 'TN', country: 'US', areaCodes: ['423'], timeZones: [eastern, central] },
  {
    region: 'TX', country: 'US', timeZones: [central],
    areaCodes: [
      '210', '214', '254', '281', '325', '346', '361', '409', '430', '469', '512', '682', '713', '726', '737',
      '806', '817', '830', '832', '903', '936', '940', '945', '956', '972', '979',
    ],
  },
  // 432 includes Culberson County (Mountain); 915 is El Paso and Hudspeth (Mountain).
  { region: 'TX', country: 'US', areaCodes: ['432'], timeZones: [central, mountain] },
  { region: 'TX', country: 'US', areaCodes: ['915'], timeZones: [mountain] },
  { region: 'UT', country: 'US', areaCodes: ['385', '435', '801'], timeZones: [mountain] },
  { region: 'VT', country: 'US', areaCodes: ['802'], timeZones: [eastern] },
  {
    region: 'VA', country: 'US', timeZones: [eastern],
    areaCodes: ['276', '434', '540', '571', '686', '703', '757', '804', '826', '948'],
  },
  { region: 'WA', country: 'US', areaCodes: ['206', '253', '360', '425', '509', '564'], timeZones: [pacific] },
  { region: 'WV', country: 'US', areaCodes: ['304', '681'], timeZones: [eastern] },
  {
    region: 'WI', country: 'US', timeZones: [central],
    areaCodes: ['262', '274', '353', '414', '534', '608', '715', '920'],
  },
  { region: 'WY', country: 'US', areaCodes: ['307'], timeZones: [mountain] },
  // US territories (libphonenumber-js reports them as their own countries: PR, VI, GU, MP, AS).
  { region: 'PR', country: 'US', areaCodes: ['787', '939'], timeZones: ['America/Puerto_Rico'] },
  { region: 'VI', country: 'US', areaCodes: ['340'], timeZones: ['America/St_Thomas'] },
  { region: 'GU', country: 'US', areaCodes: ['671'], timeZones: ['Pacific/Guam'] },
  { region: 'MP', country: 'US', areaCodes: ['670'], timeZones: ['Pacific/Saipan'] },
  { region: 'AS', country: 'US', areaCodes: ['684'], timeZones: ['Pacific/Pago_Pago'] },
  // Canada.
  { region: 'AB', country: 'CA', areaCodes: ['368', '403', '587', '780', '825'], timeZones: ['America/Edmonton'] },
  { region: 'BC', country: 'CA', areaCodes: ['604'], timeZones: ['America/Vancouver'] },
  // Province-wide codes: the East Kootenays keep Mountain time, the Peace River region and Creston MST all year.
  {
    region: 'BC', country: 'CA', areaCodes: ['236', '250', '257', '672', '778'],
    timeZones: ['America/Vancouver', 'America/Edmonton', 'America/Dawson_Creek'],
  },
  { region: 'MB', country: 'CA', areaCodes: ['204', '431', '584'], timeZones: ['America/Winnipeg'] },
  { region: 'NB', country: 'CA', areaCodes: ['428', '506'], timeZones: ['America/Moncton'] },
  // Newfoundland time on the island, Atlantic time in most of Labrador.
  { region: 'NL', country: 'CA', areaCodes: ['709', '879'], timeZones: ['America/St_Johns', 'America/Goose_Bay'] },
  // Nova Scotia and Prince Edward Island share 902/782.
  { region: 'NS, PE', country: 'CA', areaCodes: ['782', '902'], timeZones: ['America/Halifax'] },
  {
    region: 'ON', country: 'CA', timeZones: ['America/Toronto'],
    areaCodes: [
      '226', '249', '289', '343', '365', '382', '416', '437', '519', '548', '613', '647', '683', '705', '742',
      '753', '905', '942',
    ],
  },
  // Northwestern Ontario: Thunder Bay (Eastern), Kenora and Rainy River (Central), Atikokan (EST all year).
  { region: 'ON', country: 'CA', areaCodes: ['807'], timeZones: ['America/Toronto', 'America/Winnipeg', 'America/Atikokan'] },
  {
    region: 'QC', country: 'CA', timeZones: ['America/Toronto'],
    areaCodes: ['263', '354', '438', '450', '468', '514', '579', '819', '873'],
  },
  // Eastern Quebec: the Magdalen Islands keep Atlantic time, the Lower North Shore AST all year.
  {
    region: 'QC', country: 'CA', areaCodes: ['367', '418', '581'],
    timeZones: ['America/Toronto', 'America/Halifax', 'America/Blanc-Sablon'],
  },
  // Saskatchewan keeps CST all year; Lloydminster keeps Alberta time.
  { region: 'SK', country: 'CA', areaCodes: ['306', '474', '639'], timeZones: ['America/Regina', 'America/Edmonton'] },
  // Yukon, Northwest Territories and Nunavut.
  {
    region: 'YT, NT, NU', country: 'CA', areaCodes: ['867'],
    timeZones: ['America/Whitehorse', 'America/Edmonton', 'America/Cambridge_Bay', 'America/Rankin_Inlet', 'America/Iqaluit'],
  },
];

/** Area code → every candidate zone, built from `nanpAreaCodeGroups`. */
export const nanpAreaCodeTimeZones: ReadonlyMap<string, readonly string[]> = new Map(
  nanpAreaCodeGroups.flatMap((group) => group.areaCodes.map((areaCode) => [areaCode, group.timeZones] as const)),
);
