// console.log's first string argument is a format: %s %d %i %f %j %o %O %c %%.
console.log('%s is %d years', 'Bob', 42);
console.log('%s|%s|%s|%s', 'str', 42, -0, undefined);
console.log('%d|%d|%d|%d', '42', 1.5, -0, 'x');
console.log('%i|%i|%f|%f', 42.9, '-7.5', '1.5e3', 'y');
console.log('%o', { a: [1] });
console.log('%O', { a: [1] });
console.log('%j', { a: [1, 'b'] });
console.log('100%% done', 'extra');
console.log('%c styled', 'color: red');
console.log('not enough %s %s', 'one');
console.log('%s', { a: 1 });
console.log('more args', 1, 'two', { three: 3 });
console.log('%x unknown', 1);
console.log('%%');
console.log('%%', 'x');
console.log(5, '%s', 'not a format');
