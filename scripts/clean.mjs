// Removes build output so stale chunks never linger in dist/.
import { rmSync } from 'node:fs';
rmSync('dist', { recursive: true, force: true });
