// Names and places the example book draws from. Everything here is fictional or reserved for fiction:
// - phone numbers come from ranges that can never ring anyone: NANP 555-0100…555-0199 (US and Canada),
//   and Ofcom's drama ranges 020 7946 0xxx, 0131 496 0xxx and 0161 496 0xxx (UK);
// - e-mail domains are example.com/.net/.org and their subdomains (RFC 2606).
// Addresses are made up, but each city's ZIP code, area codes and time zone belong together, so that
// deriving a debtor's time zone from a ZIP code or an area code gives the right answer (the test checks the
// ZIP codes against zipcode-to-timezone). A few places are there because they are tricky: El Paso and Rapid
// City (Mountain time in Central-time states), Pensacola (Central in Florida), Knoxville (Eastern in
// Tennessee), Arizona (no daylight saving time), Hawaii and Alaska.

/** A city the example book places debtors in. */
export type ExamplePlace = {
  country: 'US' | 'CA' | 'GB';
  /** ISO 3166-2 subdivision code without the country: "NY", "ON", "ENG". */
  region: string;
  city: string;
  postalCode: string;
  /** The IANA zone of this city. */
  timeZone: string;
  /** E.164 prefixes of fictional numbers in this city; random digits complete them. */
  phonePrefixes: readonly string[];
  /** Relative share of debtors living here, roughly by population. */
  weight: number;
};

// NANP numbers 555-0100 to 555-0199 in each area code are reserved for fiction.
const fictionalNanpPrefixes = (...areaCodes: string[]): string[] => areaCodes.map((areaCode) => `+1${areaCode}55501`);

export const unitedStatesPlaces: readonly ExamplePlace[] = [
  { country: 'US', region: 'NY', city: 'New York', postalCode: '10001', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('212', '646', '917', '332'), weight: 8 },
  { country: 'US', region: 'NY', city: 'Brooklyn', postalCode: '11201', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('718', '347', '929'), weight: 5 },
  { country: 'US', region: 'NY', city: 'Buffalo', postalCode: '14202', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('716'), weight: 1 },
  { country: 'US', region: 'CA', city: 'Los Angeles', postalCode: '90012', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('213', '323'), weight: 8 },
  { country: 'US', region: 'CA', city: 'San Francisco', postalCode: '94103', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('415', '628'), weight: 3 },
  { country: 'US', region: 'CA', city: 'San Diego', postalCode: '92101', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('619'), weight: 3 },
  { country: 'US', region: 'CA', city: 'Sacramento', postalCode: '95814', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('916', '279'), weight: 2 },
  { country: 'US', region: 'TX', city: 'Dallas', postalCode: '75201', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('214', '469', '972'), weight: 4 },
  { country: 'US', region: 'TX', city: 'Houston', postalCode: '77002', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('713', '281', '832'), weight: 5 },
  { country: 'US', region: 'TX', city: 'Austin', postalCode: '78701', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('512', '737'), weight: 2 },
  { country: 'US', region: 'TX', city: 'El Paso', postalCode: '79901', timeZone: 'America/Denver', phonePrefixes: fictionalNanpPrefixes('915'), weight: 1 },
  { country: 'US', region: 'AZ', city: 'Phoenix', postalCode: '85004', timeZone: 'America/Phoenix', phonePrefixes: fictionalNanpPrefixes('602'), weight: 4 },
  { country: 'US', region: 'AZ', city: 'Tucson', postalCode: '85701', timeZone: 'America/Phoenix', phonePrefixes: fictionalNanpPrefixes('520'), weight: 1 },
  { country: 'US', region: 'HI', city: 'Honolulu', postalCode: '96813', timeZone: 'Pacific/Honolulu', phonePrefixes: fictionalNanpPrefixes('808'), weight: 1 },
  { country: 'US', region: 'AK', city: 'Anchorage', postalCode: '99501', timeZone: 'America/Anchorage', phonePrefixes: fictionalNanpPrefixes('907'), weight: 0.5 },
  { country: 'US', region: 'FL', city: 'Miami', postalCode: '33130', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('305', '786'), weight: 4 },
  { country: 'US', region: 'FL', city: 'Orlando', postalCode: '32801', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('407', '689'), weight: 2 },
  { country: 'US', region: 'FL', city: 'Tampa', postalCode: '33602', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('813'), weight: 2 },
  { country: 'US', region: 'FL', city: 'Pensacola', postalCode: '32502', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('850'), weight: 1 },
  { country: 'US', region: 'IL', city: 'Chicago', postalCode: '60601', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('312', '872'), weight: 6 },
  { country: 'US', region: 'IL', city: 'Springfield', postalCode: '62701', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('217'), weight: 1 },
  { country: 'US', region: 'WA', city: 'Seattle', postalCode: '98101', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('206'), weight: 3 },
  { country: 'US', region: 'WA', city: 'Spokane', postalCode: '99201', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('509'), weight: 1 },
  { country: 'US', region: 'OR', city: 'Portland', postalCode: '97204', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('503', '971'), weight: 2 },
  { country: 'US', region: 'ID', city: 'Boise', postalCode: '83702', timeZone: 'America/Boise', phonePrefixes: fictionalNanpPrefixes('208'), weight: 1 },
  { country: 'US', region: 'NV', city: 'Las Vegas', postalCode: '89101', timeZone: 'America/Los_Angeles', phonePrefixes: fictionalNanpPrefixes('702', '725'), weight: 2 },
  { country: 'US', region: 'UT', city: 'Salt Lake City', postalCode: '84111', timeZone: 'America/Denver', phonePrefixes: fictionalNanpPrefixes('801', '385'), weight: 1 },
  { country: 'US', region: 'CO', city: 'Denver', postalCode: '80202', timeZone: 'America/Denver', phonePrefixes: fictionalNanpPrefixes('303', '720'), weight: 3 },
  { country: 'US', region: 'SD', city: 'Sioux Falls', postalCode: '57104', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('605'), weight: 0.5 },
  { country: 'US', region: 'SD', city: 'Rapid City', postalCode: '57701', timeZone: 'America/Denver', phonePrefixes: fictionalNanpPrefixes('605'), weight: 0.5 },
  { country: 'US', region: 'MN', city: 'Minneapolis', postalCode: '55401', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('612'), weight: 2 },
  { country: 'US', region: 'MO', city: 'Kansas City', postalCode: '64106', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('816'), weight: 2 },
  { country: 'US', region: 'LA', city: 'New Orleans', postalCode: '70112', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('504'), weight: 1 },
  { country: 'US', region: 'TN', city: 'Nashville', postalCode: '37203', timeZone: 'America/Chicago', phonePrefixes: fictionalNanpPrefixes('615', '629'), weight: 2 },
  { country: 'US', region: 'TN', city: 'Knoxville', postalCode: '37902', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('865'), weight: 1 },
  { country: 'US', region: 'KY', city: 'Louisville', postalCode: '40202', timeZone: 'America/Kentucky/Louisville', phonePrefixes: fictionalNanpPrefixes('502'), weight: 1 },
  { country: 'US', region: 'IN', city: 'Indianapolis', postalCode: '46204', timeZone: 'America/Indiana/Indianapolis', phonePrefixes: fictionalNanpPrefixes('317'), weight: 2 },
  { country: 'US', region: 'MI', city: 'Detroit', postalCode: '48226', timeZone: 'America/Detroit', phonePrefixes: fictionalNanpPrefixes('313'), weight: 2 },
  { country: 'US', region: 'OH', city: 'Columbus', postalCode: '43215', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('614'), weight: 2 },
  { country: 'US', region: 'OH', city: 'Cleveland', postalCode: '44114', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('216'), weight: 2 },
  { country: 'US', region: 'GA', city: 'Atlanta', postalCode: '30303', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('404', '470', '678'), weight: 4 },
  { country: 'US', region: 'NC', city: 'Charlotte', postalCode: '28202', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('704', '980'), weight: 2 },
  { country: 'US', region: 'VA', city: 'Richmond', postalCode: '23219', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('804'), weight: 1 },
  { country: 'US', region: 'PA', city: 'Philadelphia', postalCode: '19103', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('215', '267'), weight: 3 },
  { country: 'US', region: 'PA', city: 'Pittsburgh', postalCode: '15222', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('412'), weight: 1 },
  { country: 'US', region: 'NJ', city: 'Newark', postalCode: '07102', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('973', '862'), weight: 2 },
  { country: 'US', region: 'MA', city: 'Boston', postalCode: '02108', timeZone: 'America/New_York', phonePrefixes: fictionalNanpPrefixes('617', '857'), weight: 3 },
];

export const canadaPlaces: readonly ExamplePlace[] = [
  { country: 'CA', region: 'ON', city: 'Toronto', postalCode: 'M5V 2T6', timeZone: 'America/Toronto', phonePrefixes: fictionalNanpPrefixes('416', '647'), weight: 5 },
  { country: 'CA', region: 'QC', city: 'Montréal', postalCode: 'H3B 1A7', timeZone: 'America/Toronto', phonePrefixes: fictionalNanpPrefixes('514'), weight: 3 },
  { country: 'CA', region: 'BC', city: 'Vancouver', postalCode: 'V6B 1A1', timeZone: 'America/Vancouver', phonePrefixes: fictionalNanpPrefixes('604'), weight: 3 },
  { country: 'CA', region: 'AB', city: 'Calgary', postalCode: 'T2P 1J9', timeZone: 'America/Edmonton', phonePrefixes: fictionalNanpPrefixes('403'), weight: 2 },
  { country: 'CA', region: 'NS', city: 'Halifax', postalCode: 'B3J 1A1', timeZone: 'America/Halifax', phonePrefixes: fictionalNanpPrefixes('902'), weight: 1 },
];

export const unitedKingdomPlaces: readonly ExamplePlace[] = [
  { country: 'GB', region: 'ENG', city: 'London', postalCode: 'EC1A 1BB', timeZone: 'Europe/London', phonePrefixes: ['+442079460'], weight: 5 },
  { country: 'GB', region: 'ENG', city: 'Manchester', postalCode: 'M1 1AE', timeZone: 'Europe/London', phonePrefixes: ['+441614960'], weight: 2 },
  { country: 'GB', region: 'SCT', city: 'Edinburgh', postalCode: 'EH1 1YZ', timeZone: 'Europe/London', phonePrefixes: ['+441314960'], weight: 1 },
];

/** Digits of a complete E.164 number, "+" included: +1 and ten digits, +44 and ten digits. */
export const phoneLengthByCountry: Record<ExamplePlace['country'], number> = { US: 12, CA: 12, GB: 13 };

// Accents, apostrophes and hyphens on purpose: the book exercises UTF-8 and quoting end to end.
export const firstNames: readonly string[] = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Daniel', 'Lisa',
  'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Luis', 'María', 'Carlos', 'Ana', 'José', 'Sofía',
  'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Kwame', 'Amara', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Dmitri', 'Siobhan',
  'Liam', 'Noa', 'Keanu', 'Leilani', 'Zoë', 'Renée', 'Tyrone', 'Jamal', 'Aaliyah', 'Ngozi', 'Anh', 'Minh',
];

export const lastNames: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
  'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young',
  'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Kim', 'Patel', 'Chen', "O'Brien", 'Kahananui', 'Tanaka', 'Okafor',
  'Müller', 'Núñez', 'Washington', 'Smith-Jones', 'Kowalski', 'Haddad', 'Begay',
];

export const middleInitials: readonly string[] = ['A.', 'B.', 'C.', 'D.', 'E.', 'J.', 'K.', 'L.', 'M.', 'R.', 'S.', 'T.'];

export const businessNameWords: readonly string[] = [
  'Northwind', 'Bluebird', 'Summit', 'Harbor', 'Cedar', 'Redwood', 'Ironclad', 'Prairie', 'Lakeside', 'Granite',
  'Silverline', 'Evergreen', 'Copperfield', 'Brightwater', 'Keystone', 'Pioneer', 'Mesa', 'Sunbelt', 'Atlas',
  'Riverbend', 'Blue Ridge', 'Golden Gate', 'Maple Leaf', 'Thistle', 'Anchor', 'Beacon', 'Juniper', 'Orchard',
];

export const businessTrades: readonly string[] = [
  'Logistics', 'Dental Group', 'Construction', 'Supply', 'Foods', 'Auto Repair', 'Printing', 'Medical Supply',
  'Landscaping', 'Electric', 'Plumbing & Heating', 'Consulting', 'Bakery', 'Hardware', 'Freight', 'Software',
  'Veterinary Clinic', 'Textiles', 'Catering', 'Roofing', 'Marketing', 'Engineering', 'Coffee Roasters', 'Florists',
];

export const businessSuffixesByCountry: Record<ExamplePlace['country'], readonly string[]> = {
  US: ['LLC', 'Inc.', 'Corp.', 'Co.', 'LLC', 'Inc.'],
  CA: ['Ltd.', 'Inc.', 'Corp.', 'Ltée'],
  GB: ['Ltd', 'Ltd', 'LLP', 'plc'],
};

export const streetNames: readonly string[] = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Ridge', 'Market',
  'Church', 'Mill', 'Highland', 'Jefferson', 'Lincoln', 'Walnut', 'Spring', 'Willow', 'Chestnut', 'River', 'Union',
];

export const streetSuffixesByCountry: Record<ExamplePlace['country'], readonly string[]> = {
  US: ['St', 'Ave', 'Blvd', 'Rd', 'Ln', 'Dr', 'Way', 'Ct', 'Pl'],
  CA: ['St', 'Ave', 'Rd', 'Dr', 'Blvd', 'Cres'],
  GB: ['Street', 'Road', 'Lane', 'Close', 'Way', 'Gardens'],
};

export const emailDomains: readonly string[] = ['example.com', 'example.net', 'example.org'];

export const businessMailboxes: readonly string[] = ['accounts', 'ap', 'billing', 'finance', 'payables'];
