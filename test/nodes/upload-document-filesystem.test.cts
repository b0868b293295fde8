import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { useSandbox } from '../harness/fixtures.cjs';
import { describeUpload } from './upload-document.shared.cjs';

// As n8n runs by default: binary data lives in files under the user folder; items hold references.
describe('Document → Upload (binary data in filesystem mode)', () => {
	beforeAll(async () => {
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		await Container.get(BinaryDataService).init();
	});
	describeUpload(useSandbox(), 'filesystem');
});
