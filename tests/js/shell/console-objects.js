// Objects the inspector recognises: class instances, functions and classes, accessors,
// circular references, boxed primitives, null prototypes, errors without stacks.
class Foo {
  constructor() { this.x = 1; }
}
class Bar extends Foo {}
console.log(new Foo(), new Bar(), Foo, Bar);
console.log(class {}, function named() {}, function () {});
var arrow = () => 1;
console.log(arrow, [arrow], { method() {} });
var fn = function withProps() {};
fn.extra = 42;
console.log(fn);
console.log({ get a() { return 1; }, set a(v) {}, get b() { return 2; }, set c(v) {} });
var self = { name: 'self' };
self.me = self;
console.log(self);
var shared = { v: 1 };
shared.loop = shared;
console.log({ first: shared, second: shared, list: [shared] });
var list = [1];
list.push(list);
console.log(list);
console.log(new Number(3), new String('str'), new Boolean(false), Object(Symbol('boxed')));
console.log([new Number(-0)]);
console.log(Object.create(null));
var bare = Object.create(null);
bare.k = 'v';
console.log(bare);
function Legacy() { this.field = true; }
console.log(new Legacy());
function args() { return arguments; }
console.log(args(1, 'two'));
