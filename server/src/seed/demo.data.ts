import type { IssueCategory, Role, ServiceLineCode } from '@groundwork/shared';

// Static material for the demo company: a Denver-metro landscaping firm.
// Neighbourhood centres and street names are real; companies, people and
// street numbers are invented (contact e-mails use the reserved .example TLD,
// phones the fictional 555-01xx range).

export interface Area {
  key: string;
  /** Neighbourhood as people there say it. */
  label: string;
  /** City for the postal address. */
  city: string;
  lng: number;
  lat: number;
  zips: readonly string[];
  streets: readonly string[];
}

export const AREAS: readonly Area[] = [
  {
    key: 'belmar',
    label: 'Belmar',
    city: 'Lakewood',
    lng: -105.0815,
    lat: 39.7085,
    zips: ['80226', '80232'],
    streets: ['W Alameda Ave', 'S Wadsworth Blvd', 'W Virginia Ave', 'S Teller St', 'W Ohio Ave'],
  },
  {
    key: 'green-mountain',
    label: 'Green Mountain',
    city: 'Lakewood',
    lng: -105.132,
    lat: 39.695,
    zips: ['80228'],
    streets: ['W Alameda Pkwy', 'S Union Blvd', 'W Jewell Ave', 'S Kipling Pkwy', 'W Mississippi Ave'],
  },
  {
    key: 'aurora-city-center',
    label: 'Aurora City Center',
    city: 'Aurora',
    lng: -104.815,
    lat: 39.693,
    zips: ['80012', '80014'],
    streets: ['E Alameda Ave', 'S Sable Blvd', 'E Mississippi Ave', 'S Chambers Rd', 'E Iliff Ave'],
  },
  {
    key: 'anschutz',
    label: 'Fitzsimons',
    city: 'Aurora',
    lng: -104.84,
    lat: 39.746,
    zips: ['80045', '80010'],
    streets: ['E Montview Blvd', 'N Peoria St', 'E 17th Pl', 'E Colfax Ave', 'N Wheeling St'],
  },
  {
    key: 'centennial',
    label: 'Centennial',
    city: 'Centennial',
    lng: -104.87,
    lat: 39.592,
    zips: ['80112'],
    streets: ['E Arapahoe Rd', 'S Peoria St', 'E Dry Creek Rd', 'S Havana St', 'E Easter Ave'],
  },
  {
    key: 'englewood',
    label: 'Englewood',
    city: 'Englewood',
    lng: -104.988,
    lat: 39.648,
    zips: ['80110', '80113'],
    streets: ['S Broadway', 'W Hampden Ave', 'S Inca St', 'E Dartmouth Ave', 'S Clarkson St'],
  },
  {
    key: 'littleton',
    label: 'Downtown Littleton',
    city: 'Littleton',
    lng: -105.017,
    lat: 39.613,
    zips: ['80120'],
    streets: ['W Main St', 'S Santa Fe Dr', 'W Bowles Ave', 'S Prince St', 'W Littleton Blvd'],
  },
  {
    key: 'ken-caryl',
    label: 'Columbine Valley',
    city: 'Littleton',
    lng: -105.095,
    lat: 39.592,
    zips: ['80123', '80127'],
    streets: ['W Bowles Ave', 'S Wadsworth Blvd', 'W Belleview Ave', 'S Kipling Pkwy', 'W Coal Mine Ave'],
  },
  {
    key: 'westminster',
    label: 'Westminster',
    city: 'Westminster',
    lng: -105.062,
    lat: 39.885,
    zips: ['80020', '80021'],
    streets: ['W 104th Ave', 'Church Ranch Blvd', 'Westminster Blvd', 'W 112th Ave', 'Sheridan Blvd'],
  },
  {
    key: 'arvada',
    label: 'Olde Town Arvada',
    city: 'Arvada',
    lng: -105.088,
    lat: 39.802,
    zips: ['80002', '80003'],
    streets: ['Ralston Rd', 'W 64th Ave', 'Wadsworth Blvd', 'Olde Wadsworth Blvd', 'W 72nd Ave'],
  },
  {
    key: 'highlands-ranch',
    label: 'Highlands Ranch',
    city: 'Highlands Ranch',
    lng: -104.97,
    lat: 39.565,
    zips: ['80129', '80126'],
    streets: ['Highlands Ranch Pkwy', 'S Broadway', 'Lucent Blvd', 'E County Line Rd', 'S University Blvd'],
  },
  {
    key: 'cherry-creek',
    label: 'Cherry Creek',
    city: 'Denver',
    lng: -104.952,
    lat: 39.718,
    zips: ['80206', '80209'],
    streets: ['E 1st Ave', 'Clayton St', 'E 3rd Ave', 'Steele St', 'Josephine St'],
  },
  {
    key: 'dtc',
    label: 'Denver Tech Center',
    city: 'Greenwood Village',
    lng: -104.895,
    lat: 39.615,
    zips: ['80111'],
    streets: ['E Belleview Ave', 'S Syracuse Way', 'DTC Pkwy', 'E Orchard Rd', 'S Ulster St'],
  },
  {
    key: 'lone-tree',
    label: 'Lone Tree',
    city: 'Lone Tree',
    lng: -104.88,
    lat: 39.566,
    zips: ['80124'],
    streets: ['Park Meadows Dr', 'Lincoln Ave', 'Yosemite St', 'RidgeGate Pkwy', 'Sky Ridge Ave'],
  },
  {
    key: 'lowry',
    label: 'Lowry',
    city: 'Denver',
    lng: -104.893,
    lat: 39.719,
    zips: ['80230'],
    streets: ['E Lowry Blvd', 'Quebec St', 'E 1st Ave', 'Yosemite St', 'E Alameda Ave'],
  },
  {
    key: 'central-park',
    label: 'Central Park',
    city: 'Denver',
    lng: -104.882,
    lat: 39.76,
    zips: ['80238'],
    streets: ['Central Park Blvd', 'E 29th Ave', 'Martin Luther King Blvd', 'Syracuse St', 'E 35th Ave'],
  },
  {
    key: 'wheat-ridge',
    label: 'Wheat Ridge',
    city: 'Wheat Ridge',
    lng: -105.08,
    lat: 39.77,
    zips: ['80033'],
    streets: ['W 38th Ave', 'Kipling St', 'W 44th Ave', 'Youngfield St', 'Wadsworth Blvd'],
  },
  {
    key: 'interlocken',
    label: 'Interlocken',
    city: 'Broomfield',
    lng: -105.118,
    lat: 39.925,
    zips: ['80021'],
    streets: ['Interlocken Blvd', 'Eldorado Blvd', 'Interlocken Pkwy', 'Technology Dr', 'W 120th Ave'],
  },
  {
    key: 'thornton',
    label: 'Thornton',
    city: 'Thornton',
    lng: -104.972,
    lat: 39.868,
    zips: ['80229', '80241'],
    streets: ['E 104th Ave', 'Washington St', 'E 120th Ave', 'Grant St', 'Thornton Pkwy'],
  },
  {
    key: 'highland',
    label: 'Highland',
    city: 'Denver',
    lng: -105.01,
    lat: 39.76,
    zips: ['80211'],
    streets: ['W 32nd Ave', 'Tejon St', 'Zuni St', 'W 29th Ave', 'Lowell Blvd'],
  },
  {
    key: 'wash-park',
    label: 'Washington Park',
    city: 'Denver',
    lng: -104.97,
    lat: 39.69,
    zips: ['80210'],
    streets: ['S Downing St', 'E Louisiana Ave', 'S Franklin St', 'E Evans Ave', 'S Pearl St'],
  },
];

export const SEGMENTS = [
  'HOA',
  'Office park',
  'Retail center',
  'Hospital campus',
  'Corporate campus',
  'Municipal',
  'Multifamily',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Site area ranges in hectares per segment (one property, not the whole account). */
export const SITE_HECTARES: Readonly<Record<Segment, readonly [number, number]>> = {
  HOA: [1, 8],
  'Office park': [2, 15],
  'Retail center': [1, 6],
  'Hospital campus': [4, 18],
  'Corporate campus': [3, 15],
  Municipal: [1, 10],
  Multifamily: [1, 5],
};

export interface DemoUserSpec {
  key: string;
  email: string;
  name: string;
  role: Role;
}

const DOMAIN = 'demo.groundwork.test';

export const STAFF: readonly DemoUserSpec[] = [
  { key: 'exec', email: `exec@${DOMAIN}`, name: 'Dana Whitaker', role: 'EXECUTIVE' },
  { key: 'ops', email: `ops@${DOMAIN}`, name: 'Marcus Bell', role: 'OPS_MANAGER' },
  { key: 'ops.priya', email: `ops.priya@${DOMAIN}`, name: 'Priya Raman', role: 'OPS_MANAGER' },
  { key: 'am.jordan', email: `am.jordan@${DOMAIN}`, name: 'Jordan Ellis', role: 'ACCOUNT_MANAGER' },
  { key: 'am.sofia', email: `am.sofia@${DOMAIN}`, name: 'Sofia Alvarez', role: 'ACCOUNT_MANAGER' },
  { key: 'am.mateo', email: `am.mateo@${DOMAIN}`, name: 'Mateo Chen', role: 'ACCOUNT_MANAGER' },
  { key: 'am.keisha', email: `am.keisha@${DOMAIN}`, name: 'Keisha Brooks', role: 'ACCOUNT_MANAGER' },
  { key: 'am.liam', email: `am.liam@${DOMAIN}`, name: "Liam O'Connor", role: 'ACCOUNT_MANAGER' },
];

export type Region = 'NORTH' | 'SOUTH' | 'EAST' | 'WEST' | 'CENTRAL';

export interface CrewSpec {
  name: string;
  serviceLine: ServiceLineCode;
  /** Which properties it serves; null = the whole metro. */
  regions: readonly Region[] | null;
  color: string;
  lead: DemoUserSpec;
}

function lead(first: string, last: string): DemoUserSpec {
  const key = `crew.${first.toLowerCase()}`;
  return { key, email: `${key}@${DOMAIN}`, name: `${first} ${last}`, role: 'CREW_LEAD' };
}

export const CREWS: readonly CrewSpec[] = [
  {
    name: 'Maintenance North',
    serviceLine: 'MAINTENANCE',
    regions: ['NORTH'],
    color: '#2E7D32',
    lead: lead('Hector', 'Ramirez'),
  },
  {
    name: 'Maintenance South',
    serviceLine: 'MAINTENANCE',
    regions: ['SOUTH'],
    color: '#66BB6A',
    lead: lead('Tanya', 'Ortiz'),
  },
  {
    name: 'Maintenance East',
    serviceLine: 'MAINTENANCE',
    regions: ['EAST'],
    color: '#9CCC65',
    lead: lead('Luis', 'Moreno'),
  },
  {
    name: 'Maintenance West',
    serviceLine: 'MAINTENANCE',
    regions: ['WEST'],
    color: '#00897B',
    lead: lead('Brandon', 'Kelly'),
  },
  {
    name: 'Maintenance Central',
    serviceLine: 'MAINTENANCE',
    regions: ['CENTRAL'],
    color: '#558B2F',
    lead: lead('Amara', 'Okafor'),
  },
  {
    name: 'Irrigation North',
    serviceLine: 'IRRIGATION',
    regions: ['NORTH', 'WEST', 'CENTRAL'],
    color: '#1E88E5',
    lead: lead('Jake', 'Sorensen'),
  },
  {
    name: 'Irrigation South',
    serviceLine: 'IRRIGATION',
    regions: ['SOUTH', 'EAST'],
    color: '#4FC3F7',
    lead: lead('Rosa', 'Delgado'),
  },
  { name: 'Tree Care', serviceLine: 'TREE_CARE', regions: null, color: '#6D4C41', lead: lead('Ethan', 'Park') },
  {
    name: 'Plant Health Care',
    serviceLine: 'PLANT_HEALTH',
    regions: null,
    color: '#AB47BC',
    lead: lead('Nina', 'Petrov'),
  },
  {
    name: 'Enhancements & Construction',
    serviceLine: 'ENHANCEMENTS',
    regions: null,
    color: '#F9A825',
    lead: lead('Omar', 'Haddad'),
  },
  {
    name: 'Snow North',
    serviceLine: 'SNOW',
    regions: ['NORTH', 'WEST', 'CENTRAL'],
    color: '#78909C',
    lead: lead('Cody', 'Larsen'),
  },
  { name: 'Snow South', serviceLine: 'SNOW', regions: ['SOUTH', 'EAST'], color: '#37474F', lead: lead('Grace', 'Kim') },
];

/** Which maintenance region a site is in (the crews split the metro into five). */
export function regionOf(lng: number, lat: number): Region {
  if (lat > 39.78) return 'NORTH';
  if (lat <= 39.66) return 'SOUTH';
  if (lng < -105.04) return 'WEST';
  if (lng >= -104.92) return 'EAST';
  return 'CENTRAL';
}

export type Profile = 'HEALTHY' | 'WATCH' | 'DRIFTING' | 'RECOVERING';

/** Accounts written by hand: the big ones everyone knows, and the ones whose story the demo tells. */
export interface StoryAccount {
  name: string;
  segment: Segment;
  area: string;
  annualValue: number;
  tier: 'A' | 'B' | 'C';
  profile: Profile;
  /** Days from today to renewal. */
  renewalInDays: number;
  /** Account manager key. */
  manager: string;
  properties: readonly string[];
  /** Last walk this many days ago (drifting accounts stop being walked). */
  walksStopDaysAgo?: number;
}

export const STORY_ACCOUNTS: readonly StoryAccount[] = [
  {
    name: 'Front Range Regional Medical Center',
    segment: 'Hospital campus',
    area: 'anschutz',
    annualValue: 920_000,
    tier: 'A',
    profile: 'DRIFTING',
    renewalInDays: 118,
    manager: 'am.liam',
    walksStopDaysAgo: 52,
    properties: [
      'Main Campus',
      'Outpatient Pavilion',
      'North Parking Structure Grounds',
      'Research Building Courtyards',
    ],
  },
  {
    name: 'Orchard Station Corporate Campus',
    segment: 'Corporate campus',
    area: 'dtc',
    annualValue: 810_000,
    tier: 'A',
    profile: 'HEALTHY',
    renewalInDays: 412,
    manager: 'am.jordan',
    properties: [
      'Tower One & Plaza',
      'Tower Two',
      'Conference Center Grounds',
      'East Parking Fields',
      'Fitness Trail Loop',
    ],
  },
  {
    name: 'Bear Creek Health Campus',
    segment: 'Hospital campus',
    area: 'green-mountain',
    annualValue: 720_000,
    tier: 'A',
    profile: 'HEALTHY',
    renewalInDays: 296,
    manager: 'am.sofia',
    properties: ['Hospital Grounds', 'Medical Office Building', 'Healing Garden & Helipad Approach'],
  },
  {
    name: 'RidgeGate Medical Campus',
    segment: 'Hospital campus',
    area: 'lone-tree',
    annualValue: 640_000,
    tier: 'A',
    profile: 'HEALTHY',
    renewalInDays: 44,
    manager: 'am.mateo',
    properties: ['Main Hospital Grounds', 'Cancer Center', 'Staff Parking & Bioswales'],
  },
  {
    name: 'Belleview Tech Park',
    segment: 'Office park',
    area: 'dtc',
    annualValue: 565_000,
    tier: 'A',
    profile: 'WATCH',
    renewalInDays: 74,
    manager: 'am.keisha',
    walksStopDaysAgo: 36,
    properties: ['Building A', 'Building B', 'Building C', 'Central Green'],
  },
  {
    name: 'Interlocken Commons Office Park',
    segment: 'Office park',
    area: 'interlocken',
    annualValue: 480_000,
    tier: 'A',
    profile: 'HEALTHY',
    renewalInDays: 215,
    manager: 'am.jordan',
    properties: ['North Office Buildings', 'South Office Buildings', 'Lake & Trail Corridor'],
  },
  {
    name: 'Church Ranch Corporate Center',
    segment: 'Corporate campus',
    area: 'westminster',
    annualValue: 420_000,
    tier: 'A',
    profile: 'DRIFTING',
    renewalInDays: 158,
    manager: 'am.liam',
    walksStopDaysAgo: 44,
    properties: ['Headquarters Building', 'Data Center Grounds', 'Detention Pond & Trails'],
  },
  {
    name: 'Cherry Creek Plaza',
    segment: 'Retail center',
    area: 'cherry-creek',
    annualValue: 365_000,
    tier: 'A',
    profile: 'HEALTHY',
    renewalInDays: 338,
    manager: 'am.sofia',
    properties: ['Plaza Streetscape', 'Garage Rooftop Planters', 'Fillmore Courtyard'],
  },
  {
    name: 'Central Park Commons Master Association',
    segment: 'HOA',
    area: 'central-park',
    annualValue: 320_000,
    tier: 'B',
    profile: 'HEALTHY',
    renewalInDays: 187,
    manager: 'am.mateo',
    properties: ['Great Lawn', 'Prairie Greenbelt', 'Pool & Clubhouse', 'Westerly Creek Trail'],
  },
  {
    name: 'Highlands Ranch Business Park',
    segment: 'Office park',
    area: 'highlands-ranch',
    annualValue: 285_000,
    tier: 'A',
    profile: 'WATCH',
    renewalInDays: 241,
    manager: 'am.keisha',
    properties: ['Lucent Court Buildings', 'Parkway Frontage', 'Stormwater Ponds'],
  },
  {
    name: 'City of Englewood – Civic Center Grounds',
    segment: 'Municipal',
    area: 'englewood',
    annualValue: 196_000,
    tier: 'B',
    profile: 'RECOVERING',
    renewalInDays: 128,
    manager: 'am.jordan',
    properties: ['Civic Center Plaza', 'Library Grounds'],
  },
  {
    name: 'Aurora City Center Marketplace',
    segment: 'Retail center',
    area: 'aurora-city-center',
    annualValue: 164_000,
    tier: 'B',
    profile: 'DRIFTING',
    renewalInDays: 232,
    manager: 'am.liam',
    walksStopDaysAgo: 61,
    properties: ['Anchor Frontage & Parking Islands', 'Pad Sites'],
  },
  {
    name: 'Willow Creek Master HOA',
    segment: 'HOA',
    area: 'centennial',
    annualValue: 46_500,
    tier: 'B',
    profile: 'DRIFTING',
    renewalInDays: 146,
    manager: 'am.keisha',
    walksStopDaysAgo: 83,
    properties: ['Greenbelt Trail System', 'Pool & Clubhouse'],
  },
  {
    name: 'Lowry Town Green HOA',
    segment: 'HOA',
    area: 'lowry',
    annualValue: 31_000,
    tier: 'C',
    profile: 'DRIFTING',
    renewalInDays: 86,
    manager: 'am.mateo',
    walksStopDaysAgo: 68,
    properties: ['Town Green & Entries'],
  },
];

export const NAME_PREFIXES = [
  'Willow',
  'Aspen',
  'Cottonwood',
  'Juniper',
  'Silver',
  'Red Hawk',
  'Eagle',
  'Cherry',
  'Prairie',
  'Meadow',
  'Stone',
  'Pine',
  'Wildflower',
  'Foothills',
  'Sage',
  'Canyon',
  'Spruce',
  'Maple',
  'Bluebell',
  'Columbine',
  'Bear Creek',
  'Clear Creek',
  'Sand Creek',
  'Piney Creek',
  'Dry Creek',
  'Golden Eagle',
  'Summit',
  'Timber',
  'Heritage',
  'Chatfield',
  'Bluestem',
  'Larkspur',
  'Yarrow',
  'Ponderosa',
  'Lodgepole',
];
export const NAME_SUFFIXES = [
  'Ridge',
  'Hollow',
  'Park',
  'Pointe',
  'Trails',
  'Crossing',
  'Grove',
  'Highlands',
  'Meadows',
  'Vista',
  'Glen',
  'Bluffs',
  'Commons',
  'Reserve',
  'Landing',
  'Village',
  'Heights',
  'Run',
  'Station',
  'Green',
];
export const HOA_KINDS = [
  'HOA',
  'Homeowners Association',
  'Community Association',
  'Townhome Association',
  'Master Association',
];
export const OFFICE_KINDS = ['Office Park', 'Business Center', 'Corporate Plaza', 'Professional Park', 'Tech Center'];
export const RETAIL_KINDS = ['Marketplace', 'Town Center', 'Shopping Center', 'Plaza', 'Village Shops', 'Crossing'];
export const MULTIFAMILY_KINDS = ['Apartments', 'Residences', 'Flats', 'Lofts'];
export const MUNICIPAL_KINDS = ['Metro District', 'Parks & Open Space', 'Recreation Center', 'Library District'];

/** Names of the parts of a site, by segment. */
export const PROPERTY_NAMES: Readonly<Record<Segment, readonly string[]>> = {
  HOA: [
    'Common Areas',
    'North Entry & Greenbelt',
    'Pool & Clubhouse',
    'South Greenbelt',
    'Park & Trail Corridor',
    'Detention Pond',
  ],
  'Office park': ['Building 1', 'Building 2', 'Building 3', 'Parking Islands', 'Central Courtyard', 'Frontage'],
  'Retail center': ['Main Center', 'Pad Sites', 'Parking Islands', 'Streetscape'],
  'Hospital campus': ['Main Campus', 'Medical Office Building', 'Parking & Bioswales', 'Healing Garden'],
  'Corporate campus': ['Headquarters', 'Campus Grounds', 'Parking Fields', 'Trail Loop'],
  Municipal: ['Park', 'Civic Grounds', 'Trailhead', 'Ball Fields'],
  Multifamily: ['Community Grounds', 'Courtyard & Pool', 'Building Frontages'],
};

/** Where things go wrong on a site, by segment (used in Issue titles). */
export const SPOTS: Readonly<Record<Segment, readonly string[]>> = {
  HOA: [
    'the pool deck',
    'the north entry monument',
    'the clubhouse',
    'the greenbelt trail',
    'the playground',
    'the mailbox kiosk',
    'the detention pond',
    'the dog park',
  ],
  'Office park': [
    'the main entrance',
    'the east parking lot',
    'the courtyard',
    'the loading dock',
    'the bike racks',
    'the smoking shelter',
    'the front lawn',
  ],
  'Retail center': [
    'the parking islands',
    'the anchor tenant frontage',
    'the drive-thru lane',
    'the pad site entry',
    'the monument sign',
    'the patio seating',
  ],
  'Hospital campus': [
    'the ER drop-off lane',
    'the main parking lot',
    'the helipad approach',
    'the visitor entrance',
    'the healing garden',
    'the staff walkway',
  ],
  'Corporate campus': [
    'the headquarters entry',
    'the employee patio',
    'the parking field islands',
    'the fitness trail',
    'the visitor drop-off',
  ],
  Municipal: ['the park shelter', 'the ball fields', 'the library entrance', 'the trailhead', 'the civic plaza'],
  Multifamily: ['the leasing office', 'the dog run', 'the courtyard', 'the building 3 frontage', 'the pool gate'],
};

export interface IssueTemplate {
  title: string;
  description: string;
}

/** Issue wording per category; `{spot}` becomes a place on the site. */
export const ISSUE_TEMPLATES: Readonly<Record<IssueCategory, readonly IssueTemplate[]>> = {
  IRRIGATION_LEAK: [
    {
      title: 'Broken spray head near {spot}',
      description: 'Head sheared off, geysering when the zone runs. Water running onto the walk.',
    },
    {
      title: 'Lateral line leak at {spot}',
      description: 'Soggy turf and bubbling at the surface even between cycles.',
    },
    { title: 'Valve box flooded at {spot}', description: 'Valve weeping; box full of water and the lid is floating.' },
    { title: 'Zone stuck on at {spot}', description: 'Zone did not shut off overnight; runoff into the gutter.' },
  ],
  IRRIGATION_COVERAGE: [
    {
      title: 'Dry spot in turf at {spot}',
      description: 'Brown patch roughly 3 m across; heads look blocked or misaligned.',
    },
    { title: 'Overspray onto sidewalk at {spot}', description: 'Rotors hitting the walk and windows; adjust arcs.' },
    { title: 'Drip line not watering beds at {spot}', description: 'Shrubs wilting; emitters clogged or line cut.' },
  ],
  TURF_DAMAGE: [
    {
      title: 'Vehicle ruts in turf at {spot}',
      description: 'Delivery truck drove over the turf; ruts need topdressing and seed.',
    },
    { title: 'Scalped turf at {spot}', description: 'Mower scalped the slope; bare soil showing.' },
    { title: 'Dog spots along {spot}', description: 'Burned patches along the walk; customer asked about signage.' },
    {
      title: 'Thin turf under trees at {spot}',
      description: 'Shade-thinned bluegrass; consider overseeding with fine fescue.',
    },
  ],
  WEEDS: [
    {
      title: 'Bindweed in shrub bed at {spot}',
      description: 'Bindweed climbing the junipers; needs hand pulling and a spot spray.',
    },
    {
      title: 'Weeds in rock mulch at {spot}',
      description: 'Spurge and crabgrass coming through the rock; pre-emergent missed.',
    },
    { title: 'Weeds in pavement cracks at {spot}', description: 'Kochia in the curb line and expansion joints.' },
  ],
  LITTER: [
    {
      title: 'Trash accumulation at {spot}',
      description: 'Wind-blown trash caught in the shrubs and along the fence line.',
    },
    {
      title: 'Debris after storm at {spot}',
      description: "Branches and leaves piled against the walkway after last night's wind.",
    },
    {
      title: 'Overflowing receptacle at {spot}',
      description: 'Customer asked for the can to be emptied on each visit.',
    },
  ],
  PLANT_HEALTH: [
    {
      title: 'Chlorotic shrubs at {spot}',
      description: 'Yellowing leaves on the barberries; likely iron chlorosis in our alkaline soil.',
    },
    {
      title: 'Winter-burned evergreens at {spot}',
      description: 'Browning on the south side of the arborvitae; consider antidesiccant.',
    },
    {
      title: 'Dead perennials in the bed at {spot}',
      description: 'Several salvias did not come back; replacement needed.',
    },
  ],
  PEST: [
    { title: 'Aphids on roses at {spot}', description: 'Heavy aphid pressure and honeydew on the shrub roses.' },
    { title: 'Japanese beetle damage at {spot}', description: 'Skeletonised leaves on the lindens and roses.' },
    { title: 'Grub damage in turf at {spot}', description: 'Turf peels back like carpet; birds digging.' },
    {
      title: 'Ips beetle signs on spruce at {spot}',
      description: 'Pitch tubes and boring dust on the Colorado blue spruce.',
    },
  ],
  TREE_HAZARD: [
    {
      title: 'Hanging limb over {spot}',
      description: 'Broken limb hung up in the canopy over a walkway; rope off until removed.',
    },
    {
      title: 'Cracked leader on cottonwood near {spot}',
      description: 'Split at the union; could fail in the next wind event.',
    },
    {
      title: 'Dead ash tree near {spot}',
      description: 'Emerald ash borer exit holes and canopy dieback; removal recommended.',
    },
  ],
  TREE_PRUNING: [
    { title: 'Low limbs blocking {spot}', description: 'Branches below 2.5 m over the walk; pedestrians ducking.' },
    { title: 'Sucker growth on crabapples at {spot}', description: 'Water sprouts and root suckers need removing.' },
    {
      title: 'Canopy raising needed over {spot}',
      description: 'Limbs hitting delivery trucks and blocking the light pole.',
    },
  ],
  DRAINAGE: [
    {
      title: 'Standing water at {spot}',
      description: 'Water ponding two days after the last rain; mosquito complaint.',
    },
    { title: 'Clogged area drain at {spot}', description: 'Drain grate covered with mulch and sediment.' },
    {
      title: 'Erosion at downspout near {spot}',
      description: 'Splash block missing; soil washed out along the foundation.',
    },
  ],
  HARDSCAPE: [
    { title: 'Heaved flagstone at {spot}', description: 'Two flags lifted by frost; trip edge about 3 cm.' },
    { title: 'Displaced steel edging along {spot}', description: 'Edging popped up; rock spilling onto the turf.' },
    { title: 'Broken retaining wall cap at {spot}', description: 'Cap block cracked and loose.' },
  ],
  SNOW_ICE: [
    {
      title: 'Ice on walkway at {spot}',
      description: 'Refreeze from snowmelt; needs ice melt before the morning rush.',
    },
    { title: 'Missed walk clearing at {spot}', description: 'Walk not shovelled after the overnight snow.' },
    { title: 'Snow pile blocking {spot}', description: 'Plow windrow blocking the accessible ramp.' },
  ],
  SAFETY: [
    {
      title: 'Trip hazard: missing valve box lid at {spot}',
      description: 'Open valve box in the walking path; coned off for now.',
    },
    {
      title: 'Exposed wiring at landscape light near {spot}',
      description: 'Fixture knocked over; low-voltage wire exposed.',
    },
    {
      title: 'Sinkhole forming near {spot}',
      description: 'Soil collapsing next to the walk, probably from a line break underneath.',
    },
  ],
  OTHER: [
    { title: 'Damaged sign at {spot}', description: 'Landscape sign knocked over; customer asked us to reset it.' },
    { title: 'Customer request at {spot}', description: 'Property manager asked for a quote and a quick look.' },
    { title: 'Graffiti on wall near {spot}', description: 'Reported to the customer; not our scope but noted.' },
  ],
};

export interface EnhancementTemplate {
  title: string;
  description: string;
  serviceLine: ServiceLineCode;
}

export const ENHANCEMENT_TEMPLATES: readonly EnhancementTemplate[] = [
  {
    title: 'Turf-to-xeriscape conversion at the entry',
    description:
      'Replace high-water bluegrass with native grasses, boulders and drip; qualifies for a water-utility rebate.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Smart irrigation controller upgrade',
    description: 'Weather-based controllers and flow sensors on all clocks; typically saves 20–30 % of water.',
    serviceLine: 'IRRIGATION',
  },
  {
    title: 'Drip conversion for parking islands',
    description: 'Convert spray zones in the islands to drip to stop overspray on cars and pavement.',
    serviceLine: 'IRRIGATION',
  },
  {
    title: 'Ash tree replacement program',
    description: 'Remove ash trees at risk from emerald ash borer and replant with diverse species.',
    serviceLine: 'TREE_CARE',
  },
  {
    title: 'Seasonal color program',
    description: 'Spring and summer annual rotations at the monument signs and main entrance.',
    serviceLine: 'MAINTENANCE',
  },
  {
    title: 'Mulch refresh for all shrub beds',
    description: 'Two inches of shredded cedar mulch across beds; suppresses weeds and holds moisture.',
    serviceLine: 'MAINTENANCE',
  },
  {
    title: 'Flagstone patio rebuild',
    description: 'Relay heaved flagstone on a compacted base with polymeric sand joints.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'LED landscape lighting retrofit',
    description: 'Replace halogen fixtures with LED; lower power and better coverage on walkways.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Bioswale and drainage improvement',
    description: 'Regrade and plant a bioswale to stop ponding along the parking lot.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Deep-root fertilization for mature trees',
    description: 'Spring deep-root feeding for the stressed spruces and maples.',
    serviceLine: 'PLANT_HEALTH',
  },
  {
    title: 'Pollinator garden installation',
    description: 'Native pollinator bed with interpretive sign, popular with residents and tenants.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Retaining wall repair and cap replacement',
    description: 'Rebuild the failing section and replace cracked caps.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Holiday lighting package',
    description: 'Install, maintain and remove holiday lighting on entry trees and monuments.',
    serviceLine: 'ENHANCEMENTS',
  },
  {
    title: 'Aeration and overseeding upgrade',
    description: 'Add fall core aeration and overseeding to thin areas of turf.',
    serviceLine: 'MAINTENANCE',
  },
];

export const CONTACT_FIRST = [
  'Alicia',
  'Ben',
  'Carla',
  'Derek',
  'Elena',
  'Frank',
  'Gina',
  'Hank',
  'Isabel',
  'James',
  'Karen',
  'Luke',
  'Maria',
  'Nate',
  'Olivia',
  'Paul',
  'Quinn',
  'Rachel',
  'Sam',
  'Teresa',
  'Victor',
  'Wendy',
  'Xavier',
  'Yvonne',
  'Zach',
  'Andrea',
  'Brian',
  'Chloe',
  'Diego',
  'Erin',
  'Gabe',
  'Heather',
  'Ivan',
  'Julie',
  'Kevin',
  'Linda',
  'Miguel',
];
export const CONTACT_LAST = [
  'Anderson',
  'Baker',
  'Castillo',
  'Dawson',
  'Espinoza',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ingram',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Martinez',
  'Nguyen',
  'Olsen',
  'Patel',
  'Quintana',
  'Reyes',
  'Schmidt',
  'Thompson',
  'Ulrich',
  'Vasquez',
  'Walsh',
  'Young',
  'Zimmerman',
  'Archuleta',
  'Becker',
  'Chavez',
  'Duran',
  'Gallegos',
  'Hansen',
  'Lucero',
  'Maestas',
];

export const CONTACT_TITLES: Readonly<Record<Segment, readonly string[]>> = {
  HOA: ['Community Manager', 'Board President', 'Landscape Committee Chair', 'Board Treasurer'],
  'Office park': ['Property Manager', 'Facilities Director', 'Assistant Property Manager'],
  'Retail center': ['Property Manager', 'General Manager', 'Operations Manager'],
  'Hospital campus': [
    'Director of Facilities',
    'Plant Operations Manager',
    'Grounds Supervisor',
    'VP Support Services',
  ],
  'Corporate campus': ['Workplace Services Director', 'Facilities Manager', 'Sustainability Lead'],
  Municipal: ['Parks Superintendent', 'Public Works Manager', 'Open Space Coordinator'],
  Multifamily: ['Community Manager', 'Regional Property Manager', 'Maintenance Supervisor'],
};

export const GOALS: readonly string[] = [
  'Cut irrigation water use 15 % with smart controllers and drip conversions',
  'Zero slip-and-fall incidents on walkways this winter',
  'Keep customer-raised issues under 10 % of all issues',
  'Entry and monument beds in full colour before the spring open house',
  'Replace at-risk ash trees before emerald ash borer spreads on site',
  'Resolve routine issues by the next scheduled visit 9 times out of 10',
  'Stay within the landscape budget while lifting curb appeal scores',
  'Convert 20 % of non-functional turf to water-wise planting',
  'Monthly walk-throughs with the property manager',
  'Fewer resident complaints about mowing noise and timing',
];

export const OPPORTUNITIES: readonly string[] = [
  'Smart irrigation controller upgrade',
  'Turf-to-xeriscape conversion with rebate',
  'Ash tree replacement program',
  'LED landscape lighting retrofit',
  'Seasonal colour rotations',
  'Holiday lighting package',
  'Bioswale along the parking lot',
  'Flagstone patio rebuild',
  'Pollinator garden',
];

export const WALK_TOPICS_BY_MONTH: readonly (readonly string[])[] = [
  ['snow operations and ice-melt use', 'winter watering of evergreens', 'pruning plan'],
  ['snow operations and ice-melt use', 'dormant pruning', 'tree health'],
  ['spring cleanup timing', 'snow mold on turf', 'pre-emergent plan'],
  ['spring cleanup', 'irrigation start-up', 'aeration'],
  ['irrigation start-up results', 'annual colour install', 'weed control'],
  ['irrigation coverage', 'turf colour', 'mowing height'],
  ['water budget and dry spots', 'beetle pressure', 'bed maintenance'],
  ['heat stress and watering', 'weed control in rock beds', 'tree pruning'],
  ['fall aeration', 'overseeding', 'colour changeout'],
  ['irrigation blowout schedule', 'leaf cleanup', 'snow contract walk-through'],
  ['winterization', 'leaf cleanup', 'snow stakes and staging'],
  ['snow operations', 'holiday lighting', "next year's budget"],
];
