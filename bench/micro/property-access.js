// property-access.js: loads and stores of named properties on objects of one shape.
function Point(x, y) { this.x = x; this.y = y; }
var pts = [];
for (var i = 0; i < 100; i++) pts.push(new Point(i, i * 2));
var t0 = Date.now();
var sum = 0;
for (var k = 0; k < 20000; k++) {
  for (var j = 0; j < pts.length; j++) {
    var p = pts[j];
    sum += p.x + p.y;
    p.x = p.y - j;
    p.y = p.x + j;
  }
}
var ms = Date.now() - t0;
if (sum !== 297000000) throw new Error('property-access: wrong result ' + sum);
print('ms: ' + ms);
