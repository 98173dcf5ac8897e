// string-concat.js: building strings with += and reading them back.
var t0 = Date.now();
var len = 0;
for (var round = 0; round < 20; round++) {
  var s = '';
  for (var i = 0; i < 20000; i++) s += 'ab' + (i % 10);
  len += s.length;
  var c = 0;
  for (var j = 0; j < s.length; j += 7) if (s.charCodeAt(j) === 97) c++;
  len += c;
}
var ms = Date.now() - t0;
if (len !== 1257160) throw new Error('string-concat: wrong result ' + len);
print('ms: ' + ms);
