'use strict';
// The package entry. n8n itself loads the files listed under `n8n` in package.json; this entry
// exposes the same classes for anyone who requires the package directly (tests, tooling).
module.exports = {
	credentials: {
		DebituraApi: require('./dist/credentials/DebituraApi.credentials.js').DebituraApi,
	},
	nodes: {
		Debitura: require('./dist/nodes/Debitura/Debitura.node.js').Debitura,
		DebituraPaymentTrigger:
			require('./dist/nodes/DebituraPaymentTrigger/DebituraPaymentTrigger.node.js')
				.DebituraPaymentTrigger,
	},
};
