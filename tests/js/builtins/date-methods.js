// date-methods.js: Date's constructor, getters and setters (ES2025 21.4.2, 21.4.4, B.2.3):
// argument conversion order, the NaN rules, MakeDay/MakeTime overflow, TimeClip, and the
// string conversions. Time-zone independent.

// ---- constructor ----
assertEquals(new Date(2016, 12).getTime(), new Date(2017, 0).getTime(), 'month overflow');
assertEquals(new Date(2016, 0, 33).getTime(), new Date(2016, 1, 2).getTime());
assertEquals(new Date(99, 0).getFullYear(), 1999, 'two-digit years');
assertEquals(new Date(100, 0).getFullYear(), 100);
assertEquals(new Date(-1, 0).getFullYear(), -1);
assertEquals(new Date(8.64e15).getTime(), 8.64e15);
assertEquals(new Date(8.64e15 + 1).getTime(), NaN);
assertEquals(new Date(-0).getTime(), 0);
assert(sameValue(new Date(-0).getTime(), 0), 'TimeClip turns -0 into +0');
assertEquals(new Date(1.9).getTime(), 1);
assertEquals(new Date(-1.9).getTime(), -1);
assertEquals(new Date(NaN).getTime(), NaN);
assertEquals(new Date(Infinity).getTime(), NaN);
assertEquals(new Date(2000, NaN).getTime(), NaN);
var order = [];
function spy(name, value) { return { valueOf: function () { order.push(name); return value; } }; }
new Date(spy('y', 2000), spy('m', 0), spy('d', 1), spy('h', 0), spy('min', 0), spy('s', 0), spy('ms', 0));
assertArrayEquals(order, ['y', 'm', 'd', 'h', 'min', 's', 'ms']);
order = [];
new Date(spy('y', NaN), spy('m', 0));
assertArrayEquals(order, ['y', 'm'], 'every argument converts even when the year is NaN');
var copy = new Date(new Date(1234));
assertEquals(copy.getTime(), 1234, 'a Date argument is read directly');
assertEquals(typeof Date(), 'string');
assertEquals(typeof Date(0), 'string', 'called, Date ignores its arguments');
class MyDate extends Date { answer() { return 42; } }
var mine = new MyDate(0);
assertEquals(mine.answer(), 42);
assertEquals(mine.getTime(), 0);
assertEquals(Object.prototype.toString.call(mine), '[object Date]');
assertThrows(TypeError, function () { Date.prototype.getTime.call({}); });
assertThrows(TypeError, function () { Date.prototype.valueOf.call(Object.create(Date.prototype)); });

// ---- Date.UTC ----
assertEquals(Date.UTC(), NaN);
assertEquals(Date.UTC(2017), Date.UTC(2017, 0, 1, 0, 0, 0, 0));
assertEquals(Date.UTC(275760, 8, 13), 8.64e15);
assertEquals(Date.UTC(275760, 8, 13, 0, 0, 0, 1), NaN);
assertEquals(Date.UTC(1970, 0, 1, 80063993375, 29, 1, -288230376151711740), 29312,
             'MakeTime in IEEE order');
assertEquals(Date.UTC(1970, 0, 213503982336, 0, 0, 0, -18446744073709552000), 34447360,
             'MakeDate in IEEE order');
assertEquals(Date.UTC(1e9, 0), NaN);
assertEquals(Date.UTC(2016, 2, -27), Date.UTC(2016, 1, 2));
assertEquals(Date.UTC(1970, 0, 1, 1.9, 1.9), 3660000, 'fields truncate');

// ---- getters ----
var d = new Date(Date.UTC(2001, 1, 3, 4, 5, 6, 7));
assertEquals(d.getUTCFullYear(), 2001);
assertEquals(d.getUTCMonth(), 1);
assertEquals(d.getUTCDate(), 3);
assertEquals(d.getUTCDay(), 6);
assertEquals(d.getUTCHours(), 4);
assertEquals(d.getUTCMinutes(), 5);
assertEquals(d.getUTCSeconds(), 6);
assertEquals(d.getUTCMilliseconds(), 7);
assertEquals(d.getYear(), d.getFullYear() - 1900);
var local = new Date(2001, 1, 3, 4, 5, 6, 7);
assertEquals(local.getFullYear(), 2001);
assertEquals(local.getMonth(), 1);
assertEquals(local.getDate(), 3);
assertEquals(local.getHours(), 4);
assertEquals(local.getMinutes(), 5);
assertEquals(local.getSeconds(), 6);
assertEquals(local.getMilliseconds(), 7);
assertEquals(local.getTimezoneOffset(), (local.getTime() - Date.UTC(2001, 1, 3, 4, 5, 6, 7)) / 60000);
var neg = new Date(-1);
assertEquals(neg.getUTCFullYear(), 1969);
assertEquals(neg.getUTCMilliseconds(), 999);
assertEquals(neg.getUTCDay(), 3);
var invalid = new Date(NaN);
assertEquals(invalid.getDate(), NaN);
assertEquals(invalid.getUTCDay(), NaN);
assertEquals(invalid.getTimezoneOffset(), NaN);
assertEquals(invalid.getYear(), NaN);

// ---- setters: [[DateValue]] is read first, every argument converts, then NaN rules ----
var target = new Date(0);
var seen = [];
var result = target.setUTCHours(
    { valueOf: function () { seen.push('h'); target.setTime(NaN); return 1; } },
    { valueOf: function () { seen.push('m'); return 2; } });
assertArrayEquals(seen, ['h', 'm']);
assertEquals(result, 3720000, 'the time value read before the conversions is used');
var nan = new Date(NaN);
seen = [];
assertEquals(nan.setMinutes(spy('m', 1)), NaN);
assertArrayEquals(order.slice(-1), ['m']);
assertEquals(nan.getTime(), NaN);
assertEquals(new Date(NaN).setUTCFullYear(2000), Date.UTC(2000, 0, 1), 'setFullYear starts from +0');
assertEquals(new Date(NaN).setUTCDate(1), NaN);
var s = new Date(Date.UTC(2000, 0, 31));
s.setUTCMonth(1);
assertEquals(s.getUTCMonth(), 2, 'Feb 31 overflows into March');
assertEquals(s.getUTCDate(), 2);
s.setUTCMonth(0, 15);
assertEquals(s.getTime(), Date.UTC(2000, 0, 15));
s.setUTCFullYear(2004, 1, 29);
assertEquals(s.getTime(), Date.UTC(2004, 1, 29));
s.setUTCHours(25);
assertEquals(s.getTime(), Date.UTC(2004, 2, 1, 1));
s.setUTCMilliseconds(-1);
assertEquals(s.getTime(), Date.UTC(2004, 2, 1, 0, 59, 59, 999));
s.setUTCSeconds(61, 5);
assertEquals(s.getTime(), Date.UTC(2004, 2, 1, 1, 0, 1, 5));
assertEquals(s.setUTCDate(Infinity), NaN);
assertEquals(s.getTime(), NaN, 'a NaN result is stored');
var l = new Date(2000, 0, 1);
l.setHours(10, 20, 30, 40);
assertEquals(l.getTime(), new Date(2000, 0, 1, 10, 20, 30, 40).getTime());
l.setDate(0);
assertEquals(l.getMonth(), 11);
assertEquals(l.getFullYear(), 1999);
assertEquals(l.setTime('5'), 5);
assertEquals(l.setTime(), NaN);
assertEquals(new Date(0).setMilliseconds(8.64e15 + 1e9), NaN, 'TimeClip');

// ---- annex B: getYear, setYear, toGMTString ----
var y = new Date(2000, 5, 15);
y.setYear(99);
assertEquals(y.getFullYear(), 1999);
y.setYear(2012);
assertEquals(y.getFullYear(), 2012);
assertEquals(y.getMonth(), 5);
assertEquals(y.setYear(NaN), NaN);
assertEquals(y.getTime(), NaN);
var fromNaN = new Date(NaN);
fromNaN.setYear(2000);
assertEquals(fromNaN.getTime(), new Date(2000, 0, 1).getTime());
assertEquals(Date.prototype.toGMTString, Date.prototype.toUTCString);

// ---- strings ----
assertEquals(String(new Date(NaN)), 'Invalid Date');
assertEquals(new Date(NaN).toDateString(), 'Invalid Date');
assertThrows(RangeError, function () { new Date(NaN).toISOString(); });
assertEquals(new Date(NaN).toJSON(), null);
assertEquals(new Date(0).toJSON(), '1970-01-01T00:00:00.000Z');
assertEquals(Date.prototype.toJSON.call({ toISOString: function () { return 'custom'; } }), 'custom');
assertEquals(Date.prototype.toJSON.call({ valueOf: function () { return Infinity; } }), null);
assertEquals(JSON.stringify(new Date(Date.UTC(2020, 1, 2, 3, 4, 5, 6))), '"2020-02-02T03:04:05.006Z"');
var text = new Date(2000, 0, 2, 3, 4, 5).toString();
assertEquals(text.slice(0, 24), 'Sun Jan 02 2000 03:04:05');
assertEquals(text.slice(24, 28), ' GMT');
assertEquals(new Date(2000, 0, 2).toDateString(), 'Sun Jan 02 2000');
assertEquals(new Date(2000, 0, 2, 3, 4, 5).toTimeString().slice(0, 12), '03:04:05 GMT');
assertEquals(new Date(-62198755200000).toUTCString(), 'Fri, 01 Jan -0001 00:00:00 GMT');
assertEquals(new Date(2000, 0, 2, 15, 4, 5).toLocaleTimeString(), '3:04:05 PM');
assertEquals(new Date(2000, 0, 2).toLocaleDateString(), '1/2/2000');

// ---- @@toPrimitive ----
var dp = new Date(0);
assertEquals(typeof (dp + 1), 'string', 'default hint is string for Dates');
assertEquals(dp - 1, -1);
assertEquals(dp[Symbol.toPrimitive]('number'), 0);
assertEquals(dp[Symbol.toPrimitive]('default'), dp.toString());
assertThrows(TypeError, function () { dp[Symbol.toPrimitive]('bogus'); });
assertThrows(TypeError, function () { Date.prototype[Symbol.toPrimitive].call(1, 'number'); });
var desc = Object.getOwnPropertyDescriptor(Date.prototype, Symbol.toPrimitive);
assert(!desc.writable && !desc.enumerable && desc.configurable, 'toPrimitive attributes');
assertEquals(Date.prototype[Symbol.toPrimitive].call({ toString: function () { return 's'; } }, 'string'), 's');
