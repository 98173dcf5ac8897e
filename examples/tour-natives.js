// tour-natives.js: seed 001's walk through V8's memory, redone live in Kiln (the second
// half of `make run`). Run it with the natives enabled:
//   ./build/kiln --allow-natives-syntax examples/tour-natives.js
// docs/tour-of-the-heap.md explains each part of the output.

print('== 1. A Smi: the value sits in the upper 32 bits of the word, the low bit is 0');
%DebugPrint(5);

print('\n== 2. [5, "test"]: every heap pointer is odd (address + 1); element 0 is a Smi word');
const array = [5, 'test'];
%DebugPrint(array);

print('\n== 3. Numbers that are not Smis are HeapNumbers: a map and the IEEE-754 bits');
array.push(2 ** 40);
array.push(1.5);
%DebugPrint(array);
%DebugPrint(array[2]);

print('\n== 4. Elements kinds only get more general: PACKED_SMI -> PACKED_DOUBLE -> PACKED');
const numbers = [1, 2, 3];
const kinds = [%GetElementsKind(numbers)];
numbers.push(1.5);
kinds.push(%GetElementsKind(numbers));
numbers.push('three');
kinds.push(%GetElementsKind(numbers));
print(kinds.join(' -> '));

print('\n== 5. {color, shape}: map, properties, elements, then the in-object properties');
const o = { color: 'yellow', shape: 'round' };
%DebugDumpMemory(o, 5);
print('same map as another {color, shape}:', %HaveSameMap(o, { color: 'red', shape: 'square' }));

print('\n== 6. After delete, the object is in dictionary (slow) mode');
delete o.color;
print('fast properties:', %HasFastProperties(o));
%DebugPrint(o);
