// expect-error: SyntaxError
// A missing export is a SyntaxError when the graph links, before any module runs.
import { nothing } from './lib/counter.mjs';
print('not reached');
