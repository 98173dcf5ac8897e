// console.log formats values as Node's util.inspect does (tools/shell/shell-console.c).
// Top-level strings print raw; nested ones are quoted and escaped.
console.log('raw string', 'second');
console.log(['nested', "it's", 'both \' and "', 'tab\tnew\nline', 'back\\slash']);
console.log(1, -1, 1.5, -0, 0, NaN, Infinity, -Infinity, 1e21, 1e-7, 123456789012);
console.log([-0, 0.1, 2 ** 53]);
console.log(undefined, null, true, false);
console.log([undefined, null, true]);
console.log(Symbol(), Symbol('desc'), [Symbol('in array')]);
console.log([], {}, [[]], [{}], { a: {} }, { a: [] });
console.log([1, 2, 3], { a: 1, b: 'two', c: [3] });
console.log({ 'b-c': 2, valid_id: 1, $dollar: 3, '0': 'zero', 'with space': 4 });
var s = Symbol('key');
var o = { a: 1 };
o[s] = 'symbol value';
console.log(o);
console.log([1, , 3], [, , ,], [1, , , , 5]);
var holes = [];
holes.length = 5;
console.log(holes);
var withProps = [1, 2];
withProps.extra = 'x';
console.log(withProps);
console.log({ a: { b: { c: { d: { e: 1 } } } } });
console.log([[[[[1]]]]]);
console.log([[[[]]]], { a: { b: { c: {} } } });
