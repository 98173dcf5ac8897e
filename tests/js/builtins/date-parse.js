// date-parse.js: Date.parse and new Date(string) (ES2025 21.4.3.2, 21.4.1.32): the ISO
// format's forms and limits, which forms are UTC and which local, expanded years, and
// round trips of the strings toString, toUTCString and toISOString produce. Written to hold
// in any time zone: local expectations go through the Date constructor's own fields.

var MS_PER_MINUTE = 60000;
function local(y, m, d, h, min, s, ms) { return new Date(y, m, d, h || 0, min || 0, s || 0, ms || 0).getTime(); }

// ---- the ISO format: date-only forms are UTC ----
assertEquals(Date.parse('1970-01-01'), 0);
assertEquals(Date.parse('1970-01'), 0);
assertEquals(Date.parse('1970'), 0);
assertEquals(Date.parse('2000-02-29'), Date.UTC(2000, 1, 29));
assertEquals(Date.parse('2020-12-31'), Date.UTC(2020, 11, 31));

// ---- date-time forms without an offset are local time ----
assertEquals(Date.parse('1970-01-01T00:00:00'), local(1970, 0, 1));
assertEquals(Date.parse('1970-01-01T00:00'), local(1970, 0, 1));
assertEquals(Date.parse('2019-07-04T12:34:56.789'), local(2019, 6, 4, 12, 34, 56, 789));
assertEquals(Date.parse('1970-01-01T00:00:00') - Date.parse('1970-01-01T00:00:00Z'),
             new Date(0).getTimezoneOffset() * MS_PER_MINUTE);

// ---- offsets ----
assertEquals(Date.parse('1970-01-01T00:00:00Z'), 0);
assertEquals(Date.parse('1970-01-01T00:00:00.000Z'), 0);
assertEquals(Date.parse('1970-01-01T01:00:00+01:00'), 0);
assertEquals(Date.parse('1969-12-31T19:30:00-04:30'), 0);
assertEquals(Date.parse('2000-01-01T00:00Z'), Date.UTC(2000, 0, 1));
assertEquals(Date.parse('1970-01-01T00:00:00+23:59'), -(23 * 60 + 59) * MS_PER_MINUTE);

// ---- fractions: one to three digits scale, more are truncated ----
assertEquals(Date.parse('1970-01-01T00:00:00.5Z'), 500);
assertEquals(Date.parse('1970-01-01T00:00:00.05Z'), 50);
assertEquals(Date.parse('1970-01-01T00:00:00.123456Z'), 123);

// ---- 24:00 is the end of a day, and nothing past it ----
assertEquals(Date.parse('1970-01-01T24:00:00Z'), 86400000);
assertEquals(Date.parse('1970-01-01T24:00Z'), 86400000);
assertEquals(Date.parse('1970-01-01T24:00:01Z'), NaN);
assertEquals(Date.parse('1970-01-01T24:00:00.001Z'), NaN);
assertEquals(Date.parse('1970-01-01T24:01Z'), NaN);

// ---- out-of-range fields and malformed strings ----
var invalid = [
  '1970-13-01', '1970-00-01', '1970-01-00', '1970-01-32', '2019-02-29', '2100-02-29',
  '1970-04-31', '1970-01-01T25:00Z', '1970-01-01T00:60Z', '1970-01-01T00:00:60Z',
  '1970-01-01T00:00:00+24:00', '1970-01-01T00:00:00+01:60', '1970-01-01T00:00:00.Z',
  '1970-1-1T00:00Z', '+1970-01-01', '-1970-01-01', '1970-01-01T00Z', 'not a date', '',
  '1970-01-01T00:00:00ZZ', '12345-01-01T00:00Z'
];
for (var i = 0; i < invalid.length; i++) {
  assertEquals(Date.parse(invalid[i]), NaN, JSON.stringify(invalid[i]));
}

// ---- expanded years: six digits and a sign, never -000000 ----
assertEquals(Date.parse('+002000-01-01T00:00:00Z'), Date.UTC(2000, 0, 1));
assertEquals(Date.parse('+000000-01-01T00:00:00Z'), Date.parse('0000-01-01T00:00:00Z'));
assertEquals(Date.parse('-000001-01-01T00:00:00Z'), new Date('-000001-01-01T00:00:00Z').getTime());
assertEquals(new Date(Date.parse('-000001-01-01T00:00:00Z')).getUTCFullYear(), -1);
assertEquals(Date.parse('-000000-01-01T00:00:00Z'), NaN);
assertEquals(Date.parse('-000000-03-31T01:45'), NaN);
assertEquals(Date.parse('-000000-03-31T01:45:00+01:00'), NaN);
assertEquals(Date.parse('+02000-01-01'), NaN, 'five digits');

// ---- the time value range: exactly +-8.64e15 ----
assertEquals(Date.parse('+275760-09-13T00:00:00.000Z'), 8.64e15);
assertEquals(Date.parse('-271821-04-20T00:00:00.000Z'), -8.64e15);
assertEquals(Date.parse('+275760-09-13T00:00:00.001Z'), NaN);
assertEquals(Date.parse('-271821-04-19T23:59:59.999Z'), NaN);

// ---- round trips of the engine's own formats ----
var samples = [0, 1, -1, 86399999, 951782400000, 1e12, -1e12, 1.5e12 + 123,
               Date.UTC(-1, 0, 1), Date.UTC(-271821, 3, 20), Date.UTC(275760, 8, 13),
               Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1),
               Date.UTC(99, 5, 6), Date.UTC(-100, 5, 6, 7, 8, 9)];
for (var i = 0; i < samples.length; i++) {
  var d = new Date(samples[i]);
  var seconds = samples[i] - d.getUTCMilliseconds();
  assertEquals(Date.parse(d.toISOString()), samples[i], 'toISOString ' + d.toISOString());
  assertEquals(new Date(d.toISOString()).getTime(), samples[i]);
  assertEquals(Date.parse(d.toUTCString()), seconds, 'toUTCString ' + d.toUTCString());
  // Before the zone database's first rule, local mean time has an offset in seconds that
  // toString's +hhmm cannot show: only whole-minute offsets round-trip.
  if (d.getTimezoneOffset() % 1 === 0) {
    assertEquals(Date.parse(d.toString()), seconds, 'toString ' + d.toString());
  }
}
assertEquals(new Date(8.64e15).toISOString(), '+275760-09-13T00:00:00.000Z');
assertEquals(new Date(-8.64e15).toISOString(), '-271821-04-20T00:00:00.000Z');
assertEquals(new Date(Date.UTC(-1, 0, 1)).toISOString(), '-000001-01-01T00:00:00.000Z');
var yearZero = new Date(0);
yearZero.setUTCFullYear(0, 0, 1);
assertEquals(yearZero.getTime(), -62167219200000);
assertEquals(yearZero.toISOString(), '0000-01-01T00:00:00.000Z');
assertEquals(Date.parse('0000-01-01T00:00:00Z'), -62167219200000);
assertEquals(new Date(Date.UTC(10000, 0, 1)).toISOString(), '+010000-01-01T00:00:00.000Z');
assertEquals(new Date(0).toUTCString(), 'Thu, 01 Jan 1970 00:00:00 GMT');
assertEquals(new Date(Date.UTC(-1, 0, 1)).toUTCString(), 'Fri, 01 Jan -0001 00:00:00 GMT');

// ---- legacy forms (implementation-defined; the common ones) ----
assertEquals(Date.parse('Thu, 01 Jan 1970 00:00:00 GMT'), 0);
assertEquals(Date.parse('Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)'), 0);
assertEquals(Date.parse('Thu Jan 01 1970 01:00:00 GMT+0100'), 0);
assertEquals(Date.parse('Jan 1 1970 00:00:00 UTC'), 0);
assertEquals(Date.parse('1 January 1970 00:00 UTC'), 0);
assertEquals(Date.parse('January 2, 2000'), local(2000, 0, 2));
assertEquals(Date.parse('Jan 2 2000 10:30 PM'), local(2000, 0, 2, 22, 30));
assertEquals(Date.parse('Jan 2 2000 12:05 AM'), local(2000, 0, 2, 0, 5));
assertEquals(Date.parse('1/2/2000'), local(2000, 0, 2));
assertEquals(Date.parse('2000/01/02'), local(2000, 0, 2));
assertEquals(Date.parse('1970-01-01 00:00:00Z'), NaN, 'an ISO-looking string is ISO or nothing');
assertEquals(Date.parse('Jan 2 2000 25:00'), NaN);
assertEquals(Date.parse('Foo 2 2000'), NaN);

// ---- ToString and ToPrimitive on the argument ----
assertEquals(Date.parse({ toString: function () { return '1970-01-01T00:00:00.007Z'; } }), 7);
assertEquals(new Date({ valueOf: function () { return 5; }, toString: function () { return 'x'; } }).getTime(), 5);
assertEquals(new Date({ valueOf: function () { return {}; }, toString: function () { return '1970-01-01T00:00:00.009Z'; } }).getTime(), 9);
assertEquals(new Date(new String('1970-01-01T00:00:00.003Z')).getTime(), 3);
