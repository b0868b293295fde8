import { isPaymentOrder } from './payment-order.cjs';
import { DEFAULT_API_KEY, startSandbox } from './index.cjs';
import type { PaymentOrder } from './types.cjs';

/**
 * `node build/sandbox/cli.cjs [--port 5688] [--order newest-first|oldest-first|value-date-newest-first|unsorted] [--no-demo] [--loopback-webhooks]`
 * Runs the sandbox in the foreground with demo data until SIGINT/SIGTERM.
 */

const DEFAULT_PORT = 5688;

interface CliOptions {
	port: number;
	order: PaymentOrder;
	demo: boolean;
	/** Deliver webhooks to http://127.0.0.1 URLs, which Debitura would refuse. */
	loopbackWebhooks: boolean;
}

function parseArguments(args: string[]): CliOptions {
	const options: CliOptions = {
		port: Number(process.env.DEBITURA_SANDBOX_PORT ?? DEFAULT_PORT),
		order: 'newest-first',
		demo: true,
		loopbackWebhooks: false,
	};
	for (let i = 0; i < args.length; i++) {
		const [flag, inlineValue] = args[i].split('=', 2);
		const value = (): string => {
			const next = inlineValue ?? args[++i];
			if (next === undefined) fail(`${flag} needs a value`);
			return next;
		};
		if (flag === '--port') options.port = Number(value());
		else if (flag === '--order') {
			const order = value();
			if (!isPaymentOrder(order))
				fail(
					`--order must be newest-first, oldest-first, value-date-newest-first or unsorted, not ${order}`,
				);
			options.order = order;
		} else if (flag === '--no-demo') options.demo = false;
		else if (flag === '--loopback-webhooks') options.loopbackWebhooks = true;
		else if (flag === '--help' || flag === '-h') {
			console.log(
				'Usage: node build/sandbox/cli.cjs [--port 5688] [--order newest-first|oldest-first|value-date-newest-first|unsorted] [--no-demo] [--loopback-webhooks]',
			);
			process.exit(0);
		} else fail(`Unknown argument: ${args[i]}`);
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
		fail('The port must be a number from 0 to 65535');
	return options;
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

async function main(): Promise<void> {
	const options = parseArguments(process.argv.slice(2));
	const sandbox = await startSandbox({
		port: options.port,
		apiKey: process.env.DEBITURA_SANDBOX_API_KEY || DEFAULT_API_KEY,
		paymentOrder: options.order,
		demoData: options.demo,
		webhookLoopback: options.loopbackWebhooks,
	});
	console.log(`Debitura sandbox listening on ${sandbox.url}`);
	console.log(`API key (XApiKey header): ${sandbox.apiKey}`);
	console.log(`Payments order: ${options.order}; demo data: ${options.demo ? 'yes' : 'no'}`);

	const stop = (): void => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
