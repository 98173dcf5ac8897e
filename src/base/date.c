/*
 * date.c: calendar arithmetic, local time, parsing and formatting of time values. See date.h.
 */
#include "base/date.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define kMsPerHour 3600000.0
#define kMsPerMinute 60000.0
#define kMsPerSecond 1000.0
/* MakeDay gives up on years this far out: no time value lies near them, and the day
 * arithmetic stays exact in doubles. */
#define kMaxMakeDayYear 1.0e8

static const char *const kWeekDayNames[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const kMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
/* Days before the first of each month, in common and leap years. */
static const int kDaysBeforeMonth[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366}};

void date_init(void) { tzset(); }

/* ---- ES2025 21.4.1: time values and the calendar ------------------------------------------ */

/* The spec's "x modulo y" (a result with the sign of y), with -0 turned into +0. */
static double date_modulo(double x, double y) {
  double r = fmod(x, y);
  if (r < 0) r += y;
  return r + 0.0;
}

double date_day(double t) { return floor(t / kDateMsPerDay); }
double date_time_within_day(double t) { return date_modulo(t, kDateMsPerDay); }

static bool date_is_leap_year(double y) {
  return fmod(y, 4) == 0 && (fmod(y, 100) != 0 || fmod(y, 400) == 0);
}

/* 21.4.1.6 DayFromYear */
static double date_day_from_year(double y) {
  return 365.0 * (y - 1970) + floor((y - 1969) / 4) - floor((y - 1901) / 100) +
         floor((y - 1601) / 400);
}

double date_year_from_time(double t) {
  double y = floor(t / (kDateMsPerDay * 365.2425)) + 1970;
  while (date_day_from_year(y) * kDateMsPerDay > t) y--;
  while (date_day_from_year(y + 1) * kDateMsPerDay <= t) y++;
  return y;
}

/* The month (0-11) and day of month (1-31) of t. */
static void date_month_and_date(double t, int *month, int *date) {
  double y = date_year_from_time(t);
  int day_in_year = (int)(date_day(t) - date_day_from_year(y));
  const int *before = kDaysBeforeMonth[date_is_leap_year(y)];
  int m = 0;
  while (day_in_year >= before[m + 1]) m++;
  *month = m;
  *date = day_in_year - before[m] + 1;
}

int date_month_from_time(double t) {
  int m, d;
  date_month_and_date(t, &m, &d);
  return m;
}

int date_date_from_time(double t) {
  int m, d;
  date_month_and_date(t, &m, &d);
  return d;
}

int date_week_day(double t) { return (int)date_modulo(date_day(t) + 4, 7); }
int date_hour_from_time(double t) { return (int)date_modulo(floor(t / kMsPerHour), 24); }
int date_min_from_time(double t) { return (int)date_modulo(floor(t / kMsPerMinute), 60); }
int date_sec_from_time(double t) { return (int)date_modulo(floor(t / kMsPerSecond), 60); }
int date_ms_from_time(double t) { return (int)date_modulo(t, kMsPerSecond); }

/* ToIntegerOrInfinity of a finite number. */
static double date_integer(double x) { return trunc(x) + 0.0; }

double date_make_time(double hour, double min, double sec, double ms) {
  if (!isfinite(hour) || !isfinite(min) || !isfinite(sec) || !isfinite(ms)) return NAN;
  double h = date_integer(hour), m = date_integer(min), s = date_integer(sec);
  double milli = date_integer(ms);
  return ((h * kMsPerHour + m * kMsPerMinute) + s * kMsPerSecond) + milli;
}

double date_make_day(double year, double month, double date) {
  if (!isfinite(year) || !isfinite(month) || !isfinite(date)) return NAN;
  double y = date_integer(year), m = date_integer(month), dt = date_integer(date);
  double ym = y + floor(m / 12);
  if (!isfinite(ym) || fabs(ym) > kMaxMakeDayYear) return NAN;
  int mn = (int)date_modulo(m, 12);
  double day = date_day_from_year(ym) + kDaysBeforeMonth[date_is_leap_year(ym)][mn];
  return day + dt - 1;
}

double date_make_date(double day, double time) {
  if (!isfinite(day) || !isfinite(time)) return NAN;
  double tv = day * kDateMsPerDay + time;
  return isfinite(tv) ? tv : NAN;
}

double date_make_full_year(double year) {
  if (isnan(year)) return NAN;
  double truncated = date_integer(year);
  return truncated >= 0 && truncated <= 99 ? 1900 + truncated : year;
}

double date_time_clip(double time) {
  if (!isfinite(time) || fabs(time) > kDateMaxTimeValue) return NAN;
  return date_integer(time);
}

/* ---- local time ----------------------------------------------------------------------- */

/* The offset in ms at instant utc, and the zone's abbreviation when name is not NULL. */
static double date_offset_and_name(double utc, char *name, size_t size) {
  double secs = floor(utc / kMsPerSecond);
  if (secs > 1e13) secs = 1e13;
  if (secs < -1e13) secs = -1e13;
  time_t tt = (time_t)secs;
  struct tm tm;
  if (localtime_r(&tt, &tm) == NULL) {
    if (name) snprintf(name, size, "UTC");
    return 0;
  }
  if (name) snprintf(name, size, "%s", tm.tm_zone ? tm.tm_zone : "");
  return (double)tm.tm_gmtoff * kMsPerSecond;
}

double date_local_offset(double utc) { return date_offset_and_name(utc, NULL, 0); }

double date_local_time(double t) {
  if (!isfinite(t)) return NAN;
  return t + date_local_offset(t);
}

/* 21.4.1.26 UTC(t): the offsets a day either side are the candidates (one transition at
 * most in between); an instant is possible when the zone really has that offset there. The
 * larger offset gives the earlier instant; with none possible (a skipped local time) the
 * offset before the transition applies. */
double date_utc(double t) {
  if (!isfinite(t)) return NAN;
  double before = date_local_offset(t - kDateMsPerDay);
  double after = date_local_offset(t + kDateMsPerDay);
  double hi = before > after ? before : after, lo = before > after ? after : before;
  if (date_local_offset(t - hi) == hi) return t - hi;
  if (lo != hi && date_local_offset(t - lo) == lo) return t - lo;
  return t - before;
}

double date_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return floor((double)ts.tv_sec * kMsPerSecond + (double)ts.tv_nsec / 1e6);
}

/* ---- formatting ---------------------------------------------------------------------------- */

typedef struct {
  double year;
  int month, date, week_day, hour, min, sec, ms;
} DateFields;

static DateFields date_fields(double t) {
  DateFields f;
  f.year = date_year_from_time(t);
  date_month_and_date(t, &f.month, &f.date);
  f.week_day = date_week_day(t);
  f.hour = date_hour_from_time(t);
  f.min = date_min_from_time(t);
  f.sec = date_sec_from_time(t);
  f.ms = date_ms_from_time(t);
  return f;
}

/* 21.4.4.41.2 DateString's year: a sign for negative years, at least four digits. */
static int date_format_year(char *buf, size_t size, double year) {
  return year < 0 ? snprintf(buf, size, "-%04.0f", -year) : snprintf(buf, size, "%04.0f", year);
}

/* 21.4.4.41.3 TimeZoneString: "+0100 (CET)". */
static int date_format_zone(char *buf, size_t size, double tv) {
  char name[64];
  double offset = date_offset_and_name(tv, name, sizeof name);
  double abs_offset = fabs(offset);
  int hours = (int)(abs_offset / kMsPerHour);
  int minutes = (int)date_modulo(floor(abs_offset / kMsPerMinute), 60);
  return snprintf(buf, size, "%c%02d%02d (%s)", offset >= 0 ? '+' : '-', hours, minutes, name);
}

static size_t date_format_local(double tv, DateFormat format, char *buf, size_t size) {
  DateFields f = date_fields(date_local_time(tv));
  int n = 0;
  if (format == DATE_FORMAT_TO_STRING || format == DATE_FORMAT_DATE) {
    n += snprintf(buf + n, size - (size_t)n, "%s %s %02d ", kWeekDayNames[f.week_day],
                  kMonthNames[f.month], f.date);
    n += date_format_year(buf + n, size - (size_t)n, f.year);
    if (format == DATE_FORMAT_DATE) return (size_t)n;
    buf[n++] = ' ';
  }
  n += snprintf(buf + n, size - (size_t)n, "%02d:%02d:%02d GMT", f.hour, f.min, f.sec);
  n += date_format_zone(buf + n, size - (size_t)n, tv);
  return (size_t)n;
}

/* The simple fixed locale format (en-US style) of toLocale*String. */
static size_t date_format_locale(double tv, DateFormat format, char *buf, size_t size) {
  DateFields f = date_fields(date_local_time(tv));
  int n = 0;
  if (format != DATE_FORMAT_LOCALE_TIME) {
    n += snprintf(buf, size, "%d/%d/%.0f", f.month + 1, f.date, f.year);
    if (format == DATE_FORMAT_LOCALE_DATE) return (size_t)n;
    n += snprintf(buf + n, size - (size_t)n, ", ");
  }
  int hour12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
  n += snprintf(buf + n, size - (size_t)n, "%d:%02d:%02d %s", hour12, f.min, f.sec,
                f.hour < 12 ? "AM" : "PM");
  return (size_t)n;
}

size_t date_format(double tv, DateFormat format, char *buf, size_t size) {
  switch (format) {
    case DATE_FORMAT_TO_STRING:
    case DATE_FORMAT_DATE:
    case DATE_FORMAT_TIME:
      return date_format_local(tv, format, buf, size);
    case DATE_FORMAT_LOCALE:
    case DATE_FORMAT_LOCALE_DATE:
    case DATE_FORMAT_LOCALE_TIME:
      return date_format_locale(tv, format, buf, size);
    case DATE_FORMAT_UTC: {
      DateFields f = date_fields(tv);
      int n = snprintf(buf, size, "%s, %02d %s ", kWeekDayNames[f.week_day], f.date,
                       kMonthNames[f.month]);
      n += date_format_year(buf + n, size - (size_t)n, f.year);
      n += snprintf(buf + n, size - (size_t)n, " %02d:%02d:%02d GMT", f.hour, f.min, f.sec);
      return (size_t)n;
    }
    case DATE_FORMAT_ISO: {
      DateFields f = date_fields(tv);
      int n = f.year >= 0 && f.year <= 9999
                  ? snprintf(buf, size, "%04.0f", f.year)
                  : snprintf(buf, size, "%c%06.0f", f.year < 0 ? '-' : '+', fabs(f.year));
      n += snprintf(buf + n, size - (size_t)n, "-%02d-%02dT%02d:%02d:%02d.%03dZ", f.month + 1,
                    f.date, f.hour, f.min, f.sec, f.ms);
      return (size_t)n;
    }
  }
  return 0;
}

/* ---- parsing: the ISO format (21.4.1.32) ----------------------------------------------------- */

typedef struct {
  const uint16_t *s;
  size_t pos, length;
} DateScanner;

static int date_peek(const DateScanner *sc) {
  return sc->pos < sc->length ? sc->s[sc->pos] : -1;
}
static bool date_is_digit(int c) { return c >= '0' && c <= '9'; }

static bool date_accept(DateScanner *sc, int c) {
  if (date_peek(sc) != c) return false;
  sc->pos++;
  return true;
}

/* Exactly n digits. */
static bool date_digits(DateScanner *sc, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    int c = date_peek(sc);
    if (!date_is_digit(c)) return false;
    v = v * 10 + (c - '0');
    sc->pos++;
  }
  *out = v;
  return true;
}

/* Parsed fields of a date-time string. offset_min is valid when has_offset. */
typedef struct {
  double year;
  int month, day, hour, min, sec, ms;
  bool has_time, has_offset;
  int offset_min;
} DateParsed;

static int date_days_in_month(double year, int month) {
  const int *before = kDaysBeforeMonth[date_is_leap_year(year)];
  return before[month + 1] - before[month];
}

/* YYYY, +YYYYYY or -YYYYYY (not -000000), then -MM and -DD. */
static bool date_parse_iso_date(DateScanner *sc, DateParsed *p) {
  int c = date_peek(sc), year;
  if (c == '+' || c == '-') {
    sc->pos++;
    if (!date_digits(sc, 6, &year) || (c == '-' && year == 0)) return false;
    p->year = c == '-' ? -year : year;
  } else {
    if (!date_digits(sc, 4, &year)) return false;
    p->year = year;
  }
  if (date_accept(sc, '-')) {
    if (!date_digits(sc, 2, &p->month) || p->month < 1 || p->month > 12) return false;
    p->month--;
    if (date_accept(sc, '-')) {
      if (!date_digits(sc, 2, &p->day) || p->day < 1 ||
          p->day > date_days_in_month(p->year, p->month)) {
        return false;
      }
    }
  }
  return true;
}

/* THH:mm[:ss[.sss]] (24:00 only as the end of a day), then Z or +HH:mm / -HH:mm. */
static bool date_parse_iso_time(DateScanner *sc, DateParsed *p) {
  if (!date_digits(sc, 2, &p->hour) || !date_accept(sc, ':') || !date_digits(sc, 2, &p->min)) {
    return false;
  }
  if (date_accept(sc, ':')) {
    if (!date_digits(sc, 2, &p->sec)) return false;
    if (date_accept(sc, '.')) {
      if (!date_is_digit(date_peek(sc))) return false;
      int n = 0;
      for (; date_is_digit(date_peek(sc)); sc->pos++) {
        if (n < 3) p->ms = p->ms * 10 + (sc->s[sc->pos] - '0'), n++;
      }
      for (; n < 3; n++) p->ms *= 10;
    }
  }
  if (p->hour > 24 || p->min > 59 || p->sec > 59) return false;
  if (p->hour == 24 && (p->min != 0 || p->sec != 0 || p->ms != 0)) return false;
  p->has_time = true;
  int c = date_peek(sc);
  if (c == 'Z') {
    sc->pos++;
    p->has_offset = true;
  } else if (c == '+' || c == '-') {
    sc->pos++;
    int oh, om;
    if (!date_digits(sc, 2, &oh) || !date_accept(sc, ':') || !date_digits(sc, 2, &om) ||
        oh > 23 || om > 59) {
      return false;
    }
    p->has_offset = true;
    p->offset_min = (c == '-' ? -1 : 1) * (oh * 60 + om);
  }
  return true;
}

/* The time value of parsed fields: UTC when an offset was given or the form is date-only,
 * local time otherwise. */
static double date_from_parsed(const DateParsed *p) {
  double day = date_make_day(p->year, p->month, p->day);
  double date = date_make_date(day, date_make_time(p->hour, p->min, p->sec, p->ms));
  if (p->has_offset) {
    date -= p->offset_min * kMsPerMinute;
  } else if (p->has_time) {
    date = date_utc(date);
  }
  return date_time_clip(date);
}

static bool date_parse_iso(const uint16_t *s, size_t length, double *out) {
  DateScanner sc = {s, 0, length};
  DateParsed p = {0};
  p.day = 1;
  if (!date_parse_iso_date(&sc, &p)) return false;
  if (date_accept(&sc, 'T') && !date_parse_iso_time(&sc, &p)) return false;
  if (sc.pos != length) return false;
  *out = date_from_parsed(&p);
  return true;
}

/* ---- parsing: toString, toUTCString and legacy forms ------------------------------------------ */

static int date_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Reads a word (letters) and returns its first three letters lowercased in key, and its
 * length. */
static size_t date_word(DateScanner *sc, char key[4]) {
  size_t n = 0;
  memset(key, 0, 4);
  while (sc->pos < sc->length) {
    int c = date_lower(sc->s[sc->pos]);
    if (c < 'a' || c > 'z') break;
    if (n < 3) key[n] = (char)c;
    n++;
    sc->pos++;
  }
  return n;
}

/* Reads a run of digits: its value and how many digits (-1 value when none). */
static double date_number(DateScanner *sc, int *digits) {
  double v = 0;
  *digits = 0;
  while (date_is_digit(date_peek(sc))) {
    v = v * 10 + (sc->s[sc->pos++] - '0');
    (*digits)++;
  }
  return *digits ? v : -1;
}

typedef struct {
  DateParsed p;
  double day_value, year_value;   /* NaN until seen */
  int ampm;                       /* 0 none, 1 am, 2 pm */
  bool time_seen, zone_word_seen;
} LegacyState;

/* A word: a month or weekday name, AM/PM, or a zone name (UTC, GMT, UT, Z). */
static bool date_legacy_word(DateScanner *sc, LegacyState *st) {
  char key[4];
  size_t n = date_word(sc, key);
  for (int m = 0; m < 12; m++) {
    if (n >= 3 && date_lower(kMonthNames[m][0]) == key[0] && kMonthNames[m][1] == key[1] &&
        kMonthNames[m][2] == key[2]) {
      st->p.month = m;
      return true;
    }
  }
  for (int d = 0; d < 7; d++) {
    if (n >= 3 && date_lower(kWeekDayNames[d][0]) == key[0] && kWeekDayNames[d][1] == key[1] &&
        kWeekDayNames[d][2] == key[2]) {
      return true;
    }
  }
  if (n == 2 && (strcmp(key, "am") == 0 || strcmp(key, "pm") == 0)) {
    st->ampm = key[0] == 'a' ? 1 : 2;
    return true;
  }
  if ((n == 3 && (strcmp(key, "utc") == 0 || strcmp(key, "gmt") == 0)) ||
      (n == 2 && strcmp(key, "ut") == 0) || (n == 1 && key[0] == 'z')) {
    st->p.has_offset = true;
    st->zone_word_seen = true;
    return true;
  }
  return n == 1 && key[0] == 't'; /* an ISO-like separator */
}

/* hh:mm[:ss[.sss]] after the hour's digits. */
static bool date_legacy_time(DateScanner *sc, LegacyState *st, double hour) {
  int d;
  double min = (sc->pos++, date_number(sc, &d)), sec = 0, ms = 0;
  if (d == 0 || d > 2) return false;
  if (date_accept(sc, ':')) {
    sec = date_number(sc, &d);
    if (d == 0 || d > 2) return false;
    if (date_accept(sc, '.')) {
      ms = date_number(sc, &d);
      if (d == 0) return false;
      while (d > 3) ms = floor(ms / 10), d--;
      while (d < 3) ms *= 10, d++;
    }
  }
  if (hour > 23 || min > 59 || sec > 59 || st->time_seen) return false;
  st->p.hour = (int)hour;
  st->p.min = (int)min;
  st->p.sec = (int)sec;
  st->p.ms = (int)ms;
  st->time_seen = st->p.has_time = true;
  return true;
}

/* +hhmm, +hh:mm or +hh after a zone word or a time. */
static bool date_legacy_offset(DateScanner *sc, LegacyState *st, int sign) {
  int d;
  double v = date_number(sc, &d);
  if (d == 0) return false;
  double hours = v, minutes = 0;
  if (date_accept(sc, ':')) {
    minutes = date_number(sc, &d);
    if (d != 2) return false;
  } else if (d == 4 || d == 3) {
    hours = floor(v / 100);
    minutes = fmod(v, 100);
  } else if (d > 2) {
    return false;
  }
  if (hours > 23 || minutes > 59) return false;
  st->p.has_offset = true;
  st->p.offset_min = sign * (int)(hours * 60 + minutes);
  return true;
}

/* A numeric date M/D/Y (or Y/M/D when the first part has more than two digits). */
static bool date_legacy_slashes(DateScanner *sc, LegacyState *st, double first, int first_digits) {
  int d;
  double second = (sc->pos++, date_number(sc, &d)), third = -1;
  if (d == 0) return false;
  if (date_accept(sc, '/') || date_accept(sc, '-')) {
    third = date_number(sc, &d);
    if (d == 0) return false;
  }
  if (first_digits > 2) {
    st->year_value = first;
    st->p.month = (int)second - 1;
    st->day_value = third < 0 ? 1 : third;
  } else {
    st->p.month = (int)first - 1;
    st->day_value = second;
    if (third >= 0) st->year_value = third;
  }
  return st->p.month >= 0 && st->p.month <= 11;
}

/* A number: a time, a numeric date, a day of the month or a year. */
static bool date_legacy_number(DateScanner *sc, LegacyState *st, int sign) {
  int digits;
  double v = date_number(sc, &digits);
  int c = date_peek(sc);
  if (sign == 0 && c == ':') return date_legacy_time(sc, st, v);
  if (sign == 0 && (c == '/' || (c == '-' && isnan(st->year_value) && st->p.month < 0))) {
    return date_legacy_slashes(sc, st, v, digits);
  }
  if (date_accept(sc, '.')) { /* "1.2.2000"-style dates are not supported */
    return false;
  }
  if (sign < 0 || digits > 2 || v > 31 || (!isnan(st->day_value) && isnan(st->year_value))) {
    if (!isnan(st->year_value)) return false;
    st->year_value = sign < 0 ? -v : v;
    if (digits <= 2 && sign == 0) st->year_value += v < 50 ? 2000 : 1900;
    return true;
  }
  if (!isnan(st->day_value)) return false;
  st->day_value = v;
  return true;
}

static bool date_legacy_scan(DateScanner *sc, LegacyState *st) {
  while (sc->pos < sc->length) {
    int c = date_peek(sc);
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      sc->pos++;
    } else if (c == '(') {
      for (int depth = 0; sc->pos < sc->length;) {
        int k = sc->s[sc->pos++];
        if (k == '(') depth++;
        if (k == ')' && --depth == 0) break;
      }
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      if (!date_legacy_word(sc, st)) return false;
    } else if (c == '+' || c == '-') {
      sc->pos++;
      int sign = c == '-' ? -1 : 1;
      if (!date_is_digit(date_peek(sc))) return false;
      bool offset = st->zone_word_seen || st->time_seen;
      if (offset ? !date_legacy_offset(sc, st, sign) : !date_legacy_number(sc, st, sign)) {
        return false;
      }
    } else if (date_is_digit(c)) {
      if (!date_legacy_number(sc, st, 0)) return false;
    } else {
      return false;
    }
  }
  return true;
}

static double date_parse_legacy(const uint16_t *s, size_t length) {
  DateScanner sc = {s, 0, length};
  LegacyState st = {0};
  st.p.month = -1;
  st.day_value = st.year_value = NAN;
  if (!date_legacy_scan(&sc, &st)) return NAN;
  if (st.p.month < 0 || isnan(st.year_value)) return NAN;
  if (isnan(st.day_value)) st.day_value = 1;
  if (st.day_value < 1 || st.day_value > 31) return NAN;
  if (st.ampm) {
    if (st.p.hour > 12) return NAN;
    if (st.ampm == 1 && st.p.hour == 12) st.p.hour = 0;
    if (st.ampm == 2 && st.p.hour < 12) st.p.hour += 12;
  }
  st.p.year = st.year_value;
  st.p.day = (int)st.day_value;
  st.p.has_time = true; /* legacy forms without a zone are local time, even date-only ones */
  return date_from_parsed(&st.p);
}

double date_parse(const uint16_t *chars, size_t length) {
  double tv;
  if (date_parse_iso(chars, length, &tv)) return tv;
  /* A string that starts like an ISO date (a signed year, or four or more digits and '-')
   * is not retried as a legacy form: an invalid ISO string is NaN. */
  if (length > 0 && (chars[0] == '+' || chars[0] == '-')) return NAN;
  size_t digits = 0;
  while (digits < length && date_is_digit(chars[digits])) digits++;
  if (digits >= 4 && digits < length && chars[digits] == '-') return NAN;
  return date_parse_legacy(chars, length);
}
