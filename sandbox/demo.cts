import { createCaseRecord } from './case-creation.cjs';
import { caseInputToNewCase } from './case-input.cjs';
import { CLOSE_CODE_NO_PAYMENT, CLOSE_CODE_PAID } from './lifecycle.cjs';
import { recordPayment } from './payment-ops.cjs';
import type { SandboxStore } from './store.cjs';
import { DAY_MS, toZulu } from './time.cjs';
import type { SandboxCaseInput } from './types.cjs';

/**
 * A believable account for clicking around: companies in DK, DE, US and GB, cases across the
 * lifecycle (including closed ones) and a handful of payments. Everything is dated relative to
 * now so the account never looks stale.
 */

interface DemoPayment {
	daysAgo: number;
	amount: number;
}

interface DemoCase {
	input: SandboxCaseInput;
	createdDaysAgo: number;
	invoiceDaysBeforeCreation: number;
	payments?: DemoPayment[];
	/** When the case last changed; defaults to its last payment, or never. */
	updatedDaysAgo?: number;
}

const DEMO_CASES: DemoCase[] = [
	{
		createdDaysAgo: 74,
		invoiceDaysBeforeCreation: 60,
		updatedDaysAgo: 9,
		payments: [{ daysAgo: 9, amount: 5000 }],
		input: {
			creditorReference: 'INV-2024-1187',
			currencyCode: 'DKK',
			amountToRecover: 18750,
			lifecycle: 'Active',
			claimDescription: 'Two unpaid deliveries of oak dining sets.',
			debtor: {
				type: 'Company',
				name: 'Fjordside Møbler ApS',
				contactPerson: 'Henrik Lund',
				companyRegistrationNumber: '38291045',
				address: 'Havnegade 14',
				zipCode: '8000',
				city: 'Aarhus C',
				countryAlpha2: 'DK',
				email: 'regnskab@fjordside-mobler.example',
				phone: '+45 86 12 44 10',
			},
		},
	},
	{
		createdDaysAgo: 120,
		invoiceDaysBeforeCreation: 95,
		payments: [
			{ daysAgo: 61, amount: 20000 },
			{ daysAgo: 33, amount: 22300 },
		],
		input: {
			creditorReference: 'INV-2024-0932',
			currencyCode: 'EUR',
			amountToRecover: 42300,
			lifecycle: 'Closed',
			closeCode: CLOSE_CODE_PAID,
			claimDescription: 'Spare parts for CNC line, invoice 0932.',
			debtor: {
				type: 'Company',
				name: 'Brandt & Söhne Maschinenbau GmbH',
				contactPerson: 'Katrin Brandt',
				companyRegistrationNumber: 'HRB 204871',
				address: 'Leopoldstraße 88',
				zipCode: '80802',
				city: 'München',
				countryAlpha2: 'DE',
				email: 'einkauf@brandt-soehne.example',
				phone: '+49 89 5550 7720',
			},
		},
	},
	{
		createdDaysAgo: 6,
		invoiceDaysBeforeCreation: 75,
		updatedDaysAgo: 2,
		input: {
			creditorReference: 'INV-2025-0107',
			currencyCode: 'USD',
			amountToRecover: 12480.5,
			lifecycle: 'PendingVerification',
			debtor: {
				type: 'Company',
				name: 'Cascade Outdoor Supply Inc.',
				contactPerson: 'Dana Whitfield',
				companyRegistrationNumber: '93-4417820',
				address: '1220 NW Everett St',
				zipCode: '97209',
				city: 'Portland',
				stateAlpha2: 'OR',
				countryAlpha2: 'US',
				email: 'ap@cascade-outdoor.example',
				phone: '+1 503 555 0188',
			},
		},
	},
	{
		createdDaysAgo: 48,
		invoiceDaysBeforeCreation: 40,
		payments: [
			{ daysAgo: 30, amount: 1500 },
			{ daysAgo: 12, amount: 1500 },
		],
		input: {
			creditorReference: 'INV-2024-1240',
			currencyCode: 'GBP',
			amountToRecover: 7920,
			lifecycle: 'Active',
			debtor: {
				type: 'Company',
				name: 'Hartley & Finch Ltd',
				contactPerson: 'Oliver Hartley',
				companyRegistrationNumber: '09876543',
				address: '27 Wellington Street',
				zipCode: 'LS1 4DL',
				city: 'Leeds',
				countryAlpha2: 'GB',
				email: 'accounts@hartley-finch.example',
				phone: '+44 113 496 0721',
			},
		},
	},
	{
		createdDaysAgo: 160,
		invoiceDaysBeforeCreation: 50,
		updatedDaysAgo: 40,
		input: {
			creditorReference: 'INV-2024-0611',
			currencyCode: 'DKK',
			amountToRecover: 3450,
			lifecycle: 'Closed',
			closeCode: CLOSE_CODE_NO_PAYMENT,
			debtor: {
				type: 'Private',
				name: 'Mette Kristensen',
				address: 'Kongensgade 51, 1. tv',
				zipCode: '5000',
				city: 'Odense C',
				countryAlpha2: 'DK',
				email: 'mette.k@mail.example',
				phone: '+45 22 31 87 40',
			},
		},
	},
	{
		createdDaysAgo: 1,
		invoiceDaysBeforeCreation: 35,
		input: {
			creditorReference: 'INV-2025-0131',
			currencyCode: 'EUR',
			amountToRecover: 5600,
			comments: 'Customer stopped answering after the second reminder.',
			debtor: {
				type: 'Company',
				name: 'Lindenhof Gastronomie GmbH',
				contactPerson: 'Felix Marten',
				address: 'Große Elbstraße 145',
				zipCode: '22767',
				city: 'Hamburg',
				countryAlpha2: 'DE',
				email: 'info@lindenhof-gastro.example',
				phone: '+49 40 5550 3311',
			},
		},
	},
	{
		createdDaysAgo: 15,
		invoiceDaysBeforeCreation: 800,
		updatedDaysAgo: 11,
		input: {
			creditorReference: 'INV-2023-0418',
			currencyCode: 'USD',
			amountToRecover: 27900,
			lifecycle: 'Leads',
			amountToRecoverOver6Months: 27900,
			amountToRecoverOver12Months: 21000,
			amountToRecoverOver24Months: 9000,
			claimDescription: 'Three freight invoices, bundled.',
			debtor: {
				type: 'Company',
				name: 'Bluebonnet Logistics LLC',
				contactPerson: 'Ray Alvarez',
				address: '4400 S Congress Ave',
				zipCode: '78745',
				city: 'Austin',
				stateAlpha2: 'Texas',
				countryAlpha2: 'US',
				email: 'billing@bluebonnet-logistics.example',
				phone: '+1 512 555 0150',
			},
		},
	},
	{
		createdDaysAgo: 90,
		invoiceDaysBeforeCreation: 45,
		payments: [{ daysAgo: 20, amount: 1200 }],
		updatedDaysAgo: 18,
		input: {
			creditorReference: 'INV-2024-0977',
			currencyCode: 'GBP',
			amountToRecover: 2300,
			lifecycle: 'Closed',
			closeCode: 'Partially paid',
			debtor: {
				type: 'Company',
				name: 'Northgate Print Services Ltd',
				contactPerson: 'Priya Shah',
				address: '3 Northgate',
				zipCode: 'CH1 2HA',
				city: 'Chester',
				countryAlpha2: 'GB',
				email: 'finance@northgate-print.example',
				phone: '+44 1244 960 455',
			},
		},
	},
	{
		createdDaysAgo: 3,
		invoiceDaysBeforeCreation: 30,
		input: {
			isTest: true,
			tag: 'demo',
			creditorReference: 'TEST-0001',
			currencyCode: 'EUR',
			amountToRecover: 250,
			debtor: {
				type: 'Company',
				name: 'Testfirma Sandbox GmbH',
				address: 'Teststraße 1',
				zipCode: '10115',
				city: 'Berlin',
				countryAlpha2: 'DE',
			},
		},
	},
];

export function seedDemoData(store: SandboxStore, baseUrl: string, now: number): void {
	const daysAgo = (days: number): number => now - days * DAY_MS;
	for (const demo of DEMO_CASES) {
		const created = daysAgo(demo.createdDaysAgo);
		const invoiceDate = created - demo.invoiceDaysBeforeCreation * DAY_MS;
		const { newCase, overrides } = caseInputToNewCase(
			{
				...demo.input,
				date: toZulu(invoiceDate),
				dueDate: toZulu(invoiceDate + 30 * DAY_MS > created ? created : invoiceDate + 30 * DAY_MS),
				dateCreated: toZulu(created),
			},
			now,
		);
		const record = createCaseRecord(store, newCase, baseUrl, now, overrides);
		for (const payment of demo.payments ?? []) {
			const paidAt = daysAgo(payment.daysAgo);
			recordPayment(
				store,
				{
					caseId: record.id,
					grossAmount: payment.amount,
					date: paidAt - DAY_MS,
					dateCreated: paidAt,
				},
				paidAt,
			);
		}
		if (demo.updatedDaysAgo !== undefined) record.dateUpdated = daysAgo(demo.updatedDaysAgo);
		if (record.lifecycle === 'Closed') record.dateFinished = record.dateUpdated ?? created;
	}
}
