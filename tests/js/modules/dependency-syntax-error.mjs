// expect-error: SyntaxError
import './lib/syntax-error.mjs';
print('not reached');
