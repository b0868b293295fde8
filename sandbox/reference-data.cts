/**
 * Reference lists the create-case validation checks against. They are real, complete lists on
 * purpose: a fake that accepts any three letters would let a node's bad currency slip through.
 */

/** Circulating ISO 4217 currency codes (funds, precious metals and test codes left out). */
export const CURRENCY_CODES: ReadonlySet<string> = new Set([
	'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN',
	'BAM', 'BBD', 'BDT', 'BGN', 'BHD', 'BIF', 'BMD', 'BND', 'BOB', 'BRL',
	'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CLP', 'CNY',
	'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP',
	'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD',
	'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR',
	'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF',
	'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL',
	'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR',
	'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR',
	'NZD', 'OMR', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'PYG', 'QAR',
	'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD',
	'SHP', 'SLE', 'SLL', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL',
	'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH',
	'UGX', 'USD', 'UYU', 'UZS', 'VED', 'VES', 'VND', 'VUV', 'WST', 'XAF',
	'XCD', 'XCG', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW', 'ZWG', 'ZWL',
]);

/** All 249 officially assigned ISO 3166-1 alpha-2 codes with a plain English short name. */
export const COUNTRY_NAMES: ReadonlyMap<string, string> = new Map([
	['AD', 'Andorra'], ['AE', 'United Arab Emirates'], ['AF', 'Afghanistan'],
	['AG', 'Antigua and Barbuda'], ['AI', 'Anguilla'], ['AL', 'Albania'], ['AM', 'Armenia'],
	['AO', 'Angola'], ['AQ', 'Antarctica'], ['AR', 'Argentina'], ['AS', 'American Samoa'],
	['AT', 'Austria'], ['AU', 'Australia'], ['AW', 'Aruba'], ['AX', 'Åland Islands'],
	['AZ', 'Azerbaijan'], ['BA', 'Bosnia and Herzegovina'], ['BB', 'Barbados'],
	['BD', 'Bangladesh'], ['BE', 'Belgium'], ['BF', 'Burkina Faso'], ['BG', 'Bulgaria'],
	['BH', 'Bahrain'], ['BI', 'Burundi'], ['BJ', 'Benin'], ['BL', 'Saint Barthélemy'],
	['BM', 'Bermuda'], ['BN', 'Brunei'], ['BO', 'Bolivia'], ['BQ', 'Caribbean Netherlands'],
	['BR', 'Brazil'], ['BS', 'Bahamas'], ['BT', 'Bhutan'], ['BV', 'Bouvet Island'],
	['BW', 'Botswana'], ['BY', 'Belarus'], ['BZ', 'Belize'], ['CA', 'Canada'],
	['CC', 'Cocos (Keeling) Islands'], ['CD', 'Democratic Republic of the Congo'],
	['CF', 'Central African Republic'], ['CG', 'Republic of the Congo'], ['CH', 'Switzerland'],
	['CI', 'Côte d\'Ivoire'], ['CK', 'Cook Islands'], ['CL', 'Chile'], ['CM', 'Cameroon'],
	['CN', 'China'], ['CO', 'Colombia'], ['CR', 'Costa Rica'], ['CU', 'Cuba'],
	['CV', 'Cape Verde'], ['CW', 'Curaçao'], ['CX', 'Christmas Island'], ['CY', 'Cyprus'],
	['CZ', 'Czechia'], ['DE', 'Germany'], ['DJ', 'Djibouti'], ['DK', 'Denmark'],
	['DM', 'Dominica'], ['DO', 'Dominican Republic'], ['DZ', 'Algeria'], ['EC', 'Ecuador'],
	['EE', 'Estonia'], ['EG', 'Egypt'], ['EH', 'Western Sahara'], ['ER', 'Eritrea'],
	['ES', 'Spain'], ['ET', 'Ethiopia'], ['FI', 'Finland'], ['FJ', 'Fiji'],
	['FK', 'Falkland Islands'], ['FM', 'Micronesia'], ['FO', 'Faroe Islands'], ['FR', 'France'],
	['GA', 'Gabon'], ['GB', 'United Kingdom'], ['GD', 'Grenada'], ['GE', 'Georgia'],
	['GF', 'French Guiana'], ['GG', 'Guernsey'], ['GH', 'Ghana'], ['GI', 'Gibraltar'],
	['GL', 'Greenland'], ['GM', 'Gambia'], ['GN', 'Guinea'], ['GP', 'Guadeloupe'],
	['GQ', 'Equatorial Guinea'], ['GR', 'Greece'],
	['GS', 'South Georgia and the South Sandwich Islands'], ['GT', 'Guatemala'], ['GU', 'Guam'],
	['GW', 'Guinea-Bissau'], ['GY', 'Guyana'], ['HK', 'Hong Kong'],
	['HM', 'Heard Island and McDonald Islands'], ['HN', 'Honduras'], ['HR', 'Croatia'],
	['HT', 'Haiti'], ['HU', 'Hungary'], ['ID', 'Indonesia'], ['IE', 'Ireland'], ['IL', 'Israel'],
	['IM', 'Isle of Man'], ['IN', 'India'], ['IO', 'British Indian Ocean Territory'],
	['IQ', 'Iraq'], ['IR', 'Iran'], ['IS', 'Iceland'], ['IT', 'Italy'], ['JE', 'Jersey'],
	['JM', 'Jamaica'], ['JO', 'Jordan'], ['JP', 'Japan'], ['KE', 'Kenya'], ['KG', 'Kyrgyzstan'],
	['KH', 'Cambodia'], ['KI', 'Kiribati'], ['KM', 'Comoros'], ['KN', 'Saint Kitts and Nevis'],
	['KP', 'North Korea'], ['KR', 'South Korea'], ['KW', 'Kuwait'], ['KY', 'Cayman Islands'],
	['KZ', 'Kazakhstan'], ['LA', 'Laos'], ['LB', 'Lebanon'], ['LC', 'Saint Lucia'],
	['LI', 'Liechtenstein'], ['LK', 'Sri Lanka'], ['LR', 'Liberia'], ['LS', 'Lesotho'],
	['LT', 'Lithuania'], ['LU', 'Luxembourg'], ['LV', 'Latvia'], ['LY', 'Libya'],
	['MA', 'Morocco'], ['MC', 'Monaco'], ['MD', 'Moldova'], ['ME', 'Montenegro'],
	['MF', 'Saint Martin'], ['MG', 'Madagascar'], ['MH', 'Marshall Islands'],
	['MK', 'North Macedonia'], ['ML', 'Mali'], ['MM', 'Myanmar'], ['MN', 'Mongolia'],
	['MO', 'Macao'], ['MP', 'Northern Mariana Islands'], ['MQ', 'Martinique'],
	['MR', 'Mauritania'], ['MS', 'Montserrat'], ['MT', 'Malta'], ['MU', 'Mauritius'],
	['MV', 'Maldives'], ['MW', 'Malawi'], ['MX', 'Mexico'], ['MY', 'Malaysia'],
	['MZ', 'Mozambique'], ['NA', 'Namibia'], ['NC', 'New Caledonia'], ['NE', 'Niger'],
	['NF', 'Norfolk Island'], ['NG', 'Nigeria'], ['NI', 'Nicaragua'], ['NL', 'Netherlands'],
	['NO', 'Norway'], ['NP', 'Nepal'], ['NR', 'Nauru'], ['NU', 'Niue'], ['NZ', 'New Zealand'],
	['OM', 'Oman'], ['PA', 'Panama'], ['PE', 'Peru'], ['PF', 'French Polynesia'],
	['PG', 'Papua New Guinea'], ['PH', 'Philippines'], ['PK', 'Pakistan'], ['PL', 'Poland'],
	['PM', 'Saint Pierre and Miquelon'], ['PN', 'Pitcairn Islands'], ['PR', 'Puerto Rico'],
	['PS', 'Palestine'], ['PT', 'Portugal'], ['PW', 'Palau'], ['PY', 'Paraguay'],
	['QA', 'Qatar'], ['RE', 'Réunion'], ['RO', 'Romania'], ['RS', 'Serbia'], ['RU', 'Russia'],
	['RW', 'Rwanda'], ['SA', 'Saudi Arabia'], ['SB', 'Solomon Islands'], ['SC', 'Seychelles'],
	['SD', 'Sudan'], ['SE', 'Sweden'], ['SG', 'Singapore'], ['SH', 'Saint Helena'],
	['SI', 'Slovenia'], ['SJ', 'Svalbard and Jan Mayen'], ['SK', 'Slovakia'],
	['SL', 'Sierra Leone'], ['SM', 'San Marino'], ['SN', 'Senegal'], ['SO', 'Somalia'],
	['SR', 'Suriname'], ['SS', 'South Sudan'], ['ST', 'São Tomé and Príncipe'],
	['SV', 'El Salvador'], ['SX', 'Sint Maarten'], ['SY', 'Syria'], ['SZ', 'Eswatini'],
	['TC', 'Turks and Caicos Islands'], ['TD', 'Chad'], ['TF', 'French Southern Territories'],
	['TG', 'Togo'], ['TH', 'Thailand'], ['TJ', 'Tajikistan'], ['TK', 'Tokelau'],
	['TL', 'Timor-Leste'], ['TM', 'Turkmenistan'], ['TN', 'Tunisia'], ['TO', 'Tonga'],
	['TR', 'Turkey'], ['TT', 'Trinidad and Tobago'], ['TV', 'Tuvalu'], ['TW', 'Taiwan'],
	['TZ', 'Tanzania'], ['UA', 'Ukraine'], ['UG', 'Uganda'],
	['UM', 'United States Minor Outlying Islands'], ['US', 'United States'], ['UY', 'Uruguay'],
	['UZ', 'Uzbekistan'], ['VA', 'Vatican City'], ['VC', 'Saint Vincent and the Grenadines'],
	['VE', 'Venezuela'], ['VG', 'British Virgin Islands'], ['VI', 'U.S. Virgin Islands'],
	['VN', 'Vietnam'], ['VU', 'Vanuatu'], ['WF', 'Wallis and Futuna'], ['WS', 'Samoa'],
	['YE', 'Yemen'], ['YT', 'Mayotte'], ['ZA', 'South Africa'], ['ZM', 'Zambia'],
	['ZW', 'Zimbabwe'],
]);

/** Longer or older English names people commonly send instead of the short name above. */
const COUNTRY_NAME_ALIASES: ReadonlyMap<string, string> = new Map([
	['united states of america', 'US'],
	['usa', 'US'],
	['united kingdom of great britain and northern ireland', 'GB'],
	['great britain', 'GB'],
	['czech republic', 'CZ'],
	['türkiye', 'TR'],
	['republic of korea', 'KR'],
	['russian federation', 'RU'],
	['the netherlands', 'NL'],
	['ivory coast', 'CI'],
	['swaziland', 'SZ'],
	['macedonia', 'MK'],
	['burma', 'MM'],
]);

const COUNTRY_CODE_BY_NAME: ReadonlyMap<string, string> = new Map([
	...[...COUNTRY_NAMES].map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
	...COUNTRY_NAME_ALIASES,
]);

/** The 50 US states plus the District of Columbia, by USPS / ISO 3166-2 suffix. */
export const US_STATE_NAMES: ReadonlyMap<string, string> = new Map([
	['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'],
	['CA', 'California'], ['CO', 'Colorado'], ['CT', 'Connecticut'], ['DE', 'Delaware'],
	['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'],
	['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'],
	['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'],
	['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'], ['MS', 'Mississippi'],
	['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
	['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'],
	['NC', 'North Carolina'], ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'],
	['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'], ['SC', 'South Carolina'],
	['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'],
	['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'],
	['WI', 'Wisconsin'], ['WY', 'Wyoming'],
]);

const US_STATE_CODE_BY_NAME: ReadonlyMap<string, string> = new Map(
	[...US_STATE_NAMES].map(([code, name]) => [name.toLowerCase(), code] as [string, string]),
);

export function isCurrencyCode(value: string): boolean {
	return CURRENCY_CODES.has(value.toUpperCase());
}

/** Returns the upper-case alpha-2 code, or undefined when it is not an assigned code. */
export function normaliseCountryCode(value: string): string | undefined {
	const code = value.trim().toUpperCase();
	return COUNTRY_NAMES.has(code) ? code : undefined;
}

/** Matches an English country name (case-insensitively) to its alpha-2 code. */
export function countryCodeFromName(name: string): string | undefined {
	return COUNTRY_CODE_BY_NAME.get(name.trim().toLowerCase());
}

/** Accepts "CA", "US-CA" or "California" (any case) and returns "CA". */
export function normaliseUsState(value: string): string | undefined {
	const trimmed = value.trim();
	const withoutPrefix = /^US-/i.test(trimmed) ? trimmed.slice(3) : trimmed;
	const code = withoutPrefix.toUpperCase();
	if (US_STATE_NAMES.has(code)) return code;
	return US_STATE_CODE_BY_NAME.get(trimmed.toLowerCase());
}
