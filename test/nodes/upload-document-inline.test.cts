import { useSandbox } from '../harness/fixtures.cjs';
import { describeUpload } from './upload-document.shared.cjs';

// Without BinaryDataService.init(), n8n keeps binary data inline (base64) in the item.
describe('Document → Upload (binary data inline)', () => {
	describeUpload(useSandbox(), 'inline');
});
