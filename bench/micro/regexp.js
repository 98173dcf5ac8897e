// regexp.js: exec with captures, test, global replace and split on generated text.
var words = [];
for (var i = 0; i < 2000; i++) words.push('key' + i + '=value' + (i * 7) + ';');
var text = words.join(' ');
var t0 = Date.now();
var n = 0;
for (var round = 0; round < 10; round++) {
  var re = /(\w+)=(\w+);/g, m;
  while ((m = re.exec(text)) !== null) n += m[2].length;
  n += text.replace(/value/g, 'v').length;
  n += text.split(/\s+/).length;
  for (var k = 0; k < 2000; k++) if (/^key\d+=/.test(words[k])) n++;
}
var ms = Date.now() - t0;
if (n !== 517110) throw new Error('regexp: wrong result ' + n);
print('ms: ' + ms);
