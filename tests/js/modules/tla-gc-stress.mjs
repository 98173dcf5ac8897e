// A module suspended at a top-level await survives garbage collection: its frame is a
// heap object (run under --gc-interval=1 by make stress). Many allocations while waiting.
let total = 0;
for (let i = 0; i < 50; i++) {
  const box = { i: i, data: new Array(8).fill(i) };
  await new Promise(function (resolve) { setTimeout(resolve, 0); });
  total += box.data[7];
}
export const result = total;
assertEquals(result, 1225);
print('gc stress ok');
