// Line breaking: entries stay on one line while they fit Node's 80-column budget; more
// than 6 short array entries are grouped in aligned columns; long arrays end with
// "... n more items".
var seven = [1, 2, 3, 4, 5, 6, 7];
console.log(seven);
var many = [];
for (var i = 0; i < 120; i++) many.push(i);
console.log(many);
var words = [];
for (var j = 0; j < 26; j++) words.push('word' + j);
console.log(words);
console.log({ aaaaaaaaaa: 'bbbbbbbbbbbbbbbbb', ccccccccccccccc: 'dddddddddddddd', eee: 'fff' });
console.log({ aaaaaaaaaa: 'bbbbbbbbbbbbbbbbb', ccccccccccccccc: 'dddddddddddddd', eeeeeeeeeee: 'ffffffffffffffff', g: 1 });
var long = [];
for (var k = 0; k < 4; k++) {
  var text = '';
  for (var m = 0; m < 20; m++) text += String.fromCharCode(97 + k);
  long.push(text);
}
long.push('e', 'f', 'g');
console.log(long);
var nested = { level1: { level2: { array: [1, 2, 3], text: 'deep enough to wrap the line' } }, other: 'value' };
console.log(nested);
var mixed = [1, 'two', 3, 'four', 5, 'six', 7, 'eight'];
console.log(mixed);
var decimals = [1.5, -2.25, 100, -7, 0.001, 42, 3, 8];
console.log(decimals);
