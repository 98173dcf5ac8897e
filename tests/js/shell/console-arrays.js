// Arrays: fast and dictionary element stores, holes before, inside and after the store,
// extra named and symbol keys, and the 100-entry limit.
var packed = [1, 2, 3];
packed.length = 6;
console.log(packed);
var deleted = [1, 2, 3, 4];
delete deleted[1];
console.log(deleted);
var late = new Array(4);
late[1] = 'one';
console.log(late);
var sparse = [];
sparse[1000] = 'far';
sparse[5] = 'near';
console.log(sparse);
var keyed = ['a'];
keyed[Symbol('s')] = 1;
keyed.name = 'k';
console.log(keyed);
console.log('%o', keyed);
var holesAfterLimit = [];
for (var i = 0; i < 99; i++) holesAfterLimit.push(i);
holesAfterLimit.length = 150;
console.log(holesAfterLimit.length, holesAfterLimit);
var nestedHoles = [[, 1], [2, ,], { list: [, , 3] }];
console.log(nestedHoles);
var doubles = [0.5, 1.5];
doubles[4] = 2.5;
console.log(doubles);
