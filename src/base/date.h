/*
 * date.h: time values, the calendar arithmetic of ES2025 21.4.1, local time through the
 * system time zone database, and the string formats Date reads and writes (base/date.c).
 *
 * A time value is a double: milliseconds since 1970-01-01T00:00:00Z, integral and within
 * +-8.64e15 once TimeClip has run, or NaN. Nothing here touches the JS heap.
 *
 * Local time: the offset of the system time zone at an instant comes from localtime_r's
 * tm_gmtoff (glibc reads the zoneinfo database; the TZ environment variable is honoured, read
 * once by date_init through tzset). Local -> UTC follows the spec's UTC(t): a local time that
 * occurs twice (the clocks went back) takes the earlier instant, one skipped by a forward
 * transition takes the offset from before the transition.
 */
#ifndef KILN_BASE_DATE_H_
#define KILN_BASE_DATE_H_

#include <stddef.h>
#include <stdint.h>

#define kDateMsPerDay 86400000.0
#define kDateMaxTimeValue 8.64e15

/* Reads the TZ environment variable (tzset). Call before the first local-time query. */
void date_init(void);

/* ES2025 21.4.1.x: the parts of a time value t (finite). */
double date_day(double t);                  /* 21.4.1.3 Day */
double date_time_within_day(double t);      /* 21.4.1.4 TimeWithinDay */
double date_year_from_time(double t);       /* 21.4.1.8 YearFromTime */
int date_month_from_time(double t);         /* 21.4.1.11 MonthFromTime: 0-11 */
int date_date_from_time(double t);          /* 21.4.1.12 DateFromTime: 1-31 */
int date_week_day(double t);                /* 21.4.1.13 WeekDay: 0 Sunday */
int date_hour_from_time(double t);          /* 21.4.1.14 HourFromTime */
int date_min_from_time(double t);           /* 21.4.1.15 MinFromTime */
int date_sec_from_time(double t);           /* 21.4.1.16 SecFromTime */
int date_ms_from_time(double t);            /* 21.4.1.17 msFromTime */

/* 21.4.1.28 MakeTime, 21.4.1.29 MakeDay, 21.4.1.30 MakeDate, 21.4.1.31 MakeFullYear and
 * 21.4.1.32 TimeClip, with the spec's IEEE-754 evaluation order. Any may return NaN. */
double date_make_time(double hour, double min, double sec, double ms);
double date_make_day(double year, double month, double date);
double date_make_date(double day, double time);
double date_make_full_year(double year);
double date_time_clip(double time);

/* The system time zone's offset from UTC, in ms, at the instant utc (finite). */
double date_local_offset(double utc);
/* 21.4.1.25 LocalTime(t) and 21.4.1.26 UTC(t) (NaN for a non-finite t). */
double date_local_time(double t);
double date_utc(double t);
/* The current time value (21.4.2.1 Date.now). */
double date_now(void);

/* 21.4.3.2 Date.parse's interpretation of a string of UTF-16 code units: the ISO format of
 * 21.4.1.32 (date-only forms in UTC, date-time forms without an offset in local time, the
 * expanded years +YYYYYY/-YYYYYY but not -000000), the formats toString, toUTCString and
 * toISOString produce, and common legacy forms ("Jan 2 2000 10:00 PM", "1/2/2000").
 * Returns the TimeClip'd time value or NaN. */
double date_parse(const uint16_t *chars, size_t length);

typedef enum {
  DATE_FORMAT_TO_STRING,      /* Tue Feb 01 2022 00:00:00 GMT+0100 (CET) */
  DATE_FORMAT_DATE,           /* Tue Feb 01 2022 */
  DATE_FORMAT_TIME,           /* 00:00:00 GMT+0100 (CET) */
  DATE_FORMAT_UTC,            /* Mon, 31 Jan 2022 23:00:00 GMT */
  DATE_FORMAT_ISO,            /* 2022-01-31T23:00:00.000Z, +275760-09-13T00:00:00.000Z */
  DATE_FORMAT_LOCALE,         /* 2/1/2022, 12:00:00 AM */
  DATE_FORMAT_LOCALE_DATE,    /* 2/1/2022 */
  DATE_FORMAT_LOCALE_TIME,    /* 12:00:00 AM */
} DateFormat;

/* Writes tv (a finite time value) in the given format into buf (at least 96 bytes); returns
 * the length. */
size_t date_format(double tv, DateFormat format, char *buf, size_t size);

#endif /* KILN_BASE_DATE_H_ */
