/* test-date.c: base/date.c: the calendar arithmetic, local time in fixed zones (DST gaps and
 * overlaps resolved as ES2025 21.4.1.26 UTC(t) says), parsing and formatting. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "test.h"

static double parse(const char *s) {
  uint16_t units[128];
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++) units[i] = (uint8_t)s[i];
  return date_parse(units, n);
}

/* Runs with TZ set to zone, restoring the previous TZ afterwards. */
static char saved_tz[128];
static bool had_tz;
static void tz_push(const char *zone) {
  const char *old = getenv("TZ");
  had_tz = old != NULL;
  if (had_tz) snprintf(saved_tz, sizeof saved_tz, "%s", old);
  setenv("TZ", zone, 1);
  date_init();
}
static void tz_pop(void) {
  if (had_tz) setenv("TZ", saved_tz, 1); else unsetenv("TZ");
  date_init();
}

TEST(date, calendar_fields) {
  double t = 951782400000.0; /* 2000-02-29T00:00:00Z */
  EXPECT(date_year_from_time(t) == 2000);
  EXPECT(date_month_from_time(t) == 1);
  EXPECT(date_date_from_time(t) == 29);
  EXPECT(date_week_day(t) == 2);
  EXPECT(date_year_from_time(-1) == 1969);
  EXPECT(date_ms_from_time(-1) == 999);
  EXPECT(date_hour_from_time(-1) == 23);
  EXPECT(date_year_from_time(8.64e15) == 275760);
  EXPECT(date_year_from_time(-8.64e15) == -271821);
  EXPECT(date_make_day(2016, 12, 1) == date_make_day(2017, 0, 1));
  EXPECT(date_make_day(1970, 0, 1) == 0);
  EXPECT(isnan(date_make_day(INFINITY, 0, 1)));
  EXPECT(isnan(date_make_day(1e9, 0, 1)));
  EXPECT(date_time_clip(8.64e15) == 8.64e15);
  EXPECT(isnan(date_time_clip(8.64e15 + 1)));
  EXPECT(!signbit(date_time_clip(-0.0)));
  EXPECT(date_make_full_year(99) == 1999);
  EXPECT(date_make_full_year(100) == 100);
}

TEST(date, new_york_dst_gap_and_overlap) {
  tz_push("America/New_York");
  /* 2021-03-14 02:30 local does not exist (02:00 EST -> 03:00 EDT): the offset before the
   * transition (EST, -5h) applies, giving 07:30Z. */
  double gap = date_make_date(date_make_day(2021, 2, 14), date_make_time(2, 30, 0, 0));
  double gap_utc = date_utc(gap);
  EXPECT(gap_utc == date_make_date(date_make_day(2021, 2, 14), date_make_time(7, 30, 0, 0)));
  EXPECT(date_hour_from_time(date_local_time(gap_utc)) == 3); /* shown as 03:30 EDT */
  /* 2021-11-07 01:30 local happens twice: the earlier (EDT, -4h) instant, 05:30Z. */
  double overlap = date_make_date(date_make_day(2021, 10, 7), date_make_time(1, 30, 0, 0));
  EXPECT(date_utc(overlap) ==
         date_make_date(date_make_day(2021, 10, 7), date_make_time(5, 30, 0, 0)));
  EXPECT(date_local_offset(0) == -5 * 3600000.0);
  EXPECT(date_local_offset(date_make_date(date_make_day(2021, 6, 1), 0)) == -4 * 3600000.0);
  char buf[128];
  date_format(0, DATE_FORMAT_TO_STRING, buf, sizeof buf);
  bool ok = strcmp(buf, "Wed Dec 31 1969 19:00:00 GMT-0500 (EST)") == 0;
  /* Date-time strings without an offset are local; date-only ones UTC. */
  ok = ok && parse("1970-01-01T00:00:00") == 5 * 3600000.0 && parse("1970-01-01") == 0;
  tz_pop();
  EXPECT(ok);
}

TEST(date, fixed_offset_zones) {
  tz_push("Asia/Kolkata");
  double offset = date_local_offset(0);
  char buf[128];
  date_format(0, DATE_FORMAT_TIME, buf, sizeof buf);
  bool ok = strcmp(buf, "05:30:00 GMT+0530 (IST)") == 0;
  tz_pop();
  EXPECT(offset == 5.5 * 3600000.0);
  EXPECT(ok);
  tz_push("UTC");
  offset = date_local_offset(1e12);
  tz_pop();
  EXPECT(offset == 0);
}

TEST(date, parse_and_format) {
  EXPECT(parse("1970-01-01T00:00:00Z") == 0);
  EXPECT(parse("+275760-09-13T00:00:00.000Z") == 8.64e15);
  EXPECT(isnan(parse("+275760-09-13T00:00:00.001Z")));
  EXPECT(isnan(parse("-000000-01-01T00:00Z")));
  EXPECT(isnan(parse("2019-02-29")));
  EXPECT(parse("2020-02-29") == 1582934400000.0);
  EXPECT(parse("Thu, 01 Jan 1970 00:00:00 GMT") == 0);
  EXPECT(parse("Thu Jan 01 1970 00:00:00 GMT+0000 (UTC)") == 0);
  EXPECT(parse("Fri, 01 Jan -0001 00:00:00 GMT") == -62198755200000.0);
  char buf[128];
  date_format(-62198755200000.0, DATE_FORMAT_ISO, buf, sizeof buf);
  EXPECT(strcmp(buf, "-000001-01-01T00:00:00.000Z") == 0);
  date_format(8.64e15, DATE_FORMAT_UTC, buf, sizeof buf);
  EXPECT(strcmp(buf, "Sat, 13 Sep 275760 00:00:00 GMT") == 0);
  date_format(1, DATE_FORMAT_ISO, buf, sizeof buf);
  EXPECT(strcmp(buf, "1970-01-01T00:00:00.001Z") == 0);
}
