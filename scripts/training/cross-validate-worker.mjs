// Worker threads do not inherit tsx's loader from the thread that starts them: register it here,
// then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./cross-validate-worker.ts');
