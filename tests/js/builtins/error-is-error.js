// error-is-error.js: Error.isError (ES2026 20.5.2.1) is true only for objects with
// [[ErrorData]]: every native error, subclasses, other realms; never look-alikes or proxies.
assertEquals(Error.isError(new Error()), true);
assertEquals(Error.isError(new TypeError()), true);
assertEquals(Error.isError(new AggregateError([])), true);
class MyError extends RangeError {}
assertEquals(Error.isError(new MyError()), true);
var caught;
try { null.x; } catch (e) { caught = e; }
assertEquals(Error.isError(caught), true, 'engine-made errors');
assertEquals(Error.isError(Object.create(Error.prototype)), false);
assertEquals(Error.isError({name: 'Error', message: ''}), false);
assertEquals(Error.isError(new Proxy(new Error(), {})), false);
assertEquals(Error.isError(Error.prototype), false);
assertEquals(Error.isError(), false);
assertEquals(Error.isError('Error'), false);
assertEquals(Error.isError.length, 1);
