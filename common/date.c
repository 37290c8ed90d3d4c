#include "date.h"

#include <ctype.h>
#include <curl/curl.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "common.h"

/*
 * Two readers and a scanner. ISO 8601 and its profiles (RFC 3339, W3CDTF)
 * have one grammar, read here. The RFC 822 family that RSS uses is
 * libcurl's curl_getdate(), which knows its orders, two-digit years and
 * zone names. What neither reads is scanned token by token: month names
 * of several languages, a.m./p.m., named and "GMT+8" zones, CJK markers
 * (年 月 日) that say which number is which, and the numbers nearest a
 * month name; any other word (weekdays in any language, "Published:") is
 * left out.
 */

struct when {
	int y, mo, d, h, mi, s;
	int zoned, zone; /* zone in minutes east of UTC */
};

static int64_t days_from_civil(int64_t y, int m, int d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01, proleptic Gregorian. */
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* 1 if w is a day the calendar has and a time the clock shows (24:00 is the next midnight). */
static int when_valid(const struct when *w)
{
	return !(w->y < 1000 || w->y > 9999 || w->mo < 1 || w->mo > 12 || w->d < 1 ||
		 w->d > days_in_month(w->y, w->mo) || w->h > 24 || w->mi > 59 || w->s > 60 ||
		 (w->h == 24 && (w->mi || w->s)));
}

static int when_ms(const struct when *w, int64_t *ms)
{
	if (!when_valid(w))
		return -1;
	*ms = ((days_from_civil(w->y, w->mo, w->d) * 24 + w->h) * 60 + w->mi - w->zone) * 60000 +
	      (int64_t)w->s * 1000;
	return 0;
}

/* Reads exactly n digits at *p into *v and moves *p past them. */
static int digits(const char **p, int n, int *v)
{
	int x = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		x = x * 10 + (*p)[i] - '0';
	}
	*v = x;
	*p += n;
	return 0;
}

/* The two digits at p, or -1. */
static int two_digits(const char *p)
{
	int v;

	return digits(&p, 2, &v) ? -1 : v;
}

/* A zone name and its offset in minutes; CST is US Central unless the language says China. */
static const struct {
	const char *name;
	int minutes;
} zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 }, { "bst", 60 },
	{ "cet", 60 }, { "met", 60 }, { "mez", 60 }, { "cest", 120 }, { "mest", 120 },
	{ "mesz", 120 }, { "eet", 120 }, { "eest", 180 }, { "msk", 180 }, { "ist", 330 },
	{ "pkt", 300 }, { "ict", 420 }, { "wib", 420 }, { "hkt", 480 }, { "sgt", 480 },
	{ "awst", 480 }, { "pht", 480 }, { "cct", 480 }, { "myt", 480 }, { "kst", 540 },
	{ "jst", 540 }, { "acst", 570 }, { "aest", 600 }, { "acdt", 630 }, { "aedt", 660 },
	{ "nzst", 720 }, { "nzdt", 780 }, { "est", -300 }, { "edt", -240 }, { "cst", -360 },
	{ "cdt", -300 }, { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	{ "akst", -540 }, { "akdt", -480 }, { "hst", -600 }, { "ast", -240 }, { "adt", -180 },
	{ "nst", -210 }, { "ndt", -150 }, { "brt", -180 }, { "art", -180 },
};

static int is_lang(const char *lang, const char *code)
{
	size_t n = strlen(code);

	return lang && !strncasecmp(lang, code, n) && (!lang[n] || lang[n] == '-' || lang[n] == '_');
}

/* The zone of a date that names none, by its document's language; 0 when it has none. */
static int local_zone(const char *lang, int *minutes)
{
	if (is_lang(lang, "zh"))
		return *minutes = 480, 1;
	if (is_lang(lang, "ja") || is_lang(lang, "ko"))
		return *minutes = 540, 1;
	return 0;
}

/* The offset of a zone name (folded, NUL-terminated); 0, or -1 when unknown. */
static int zone_name(const char *w, const char *lang, int *minutes)
{
	if (!strcmp(w, "cst") && is_lang(lang, "zh"))
		return *minutes = 480, 0;
	for (size_t i = 0; i < ARRAY_SIZE(zones); i++)
		if (!strcmp(w, zones[i].name))
			return *minutes = zones[i].minutes, 0;
	return -1;
}

/*
 * An offset at *p: "+08:00", "+0800", "+08", or with digits one ("+8",
 * after GMT); "Z" too when z_ok. Moves *p past it.
 */
static int zone_offset(const char **p, int z_ok, int *minutes)
{
	const char *z = *p, *q = z + 1;
	int h, m = 0;

	if (z_ok && (*z == 'Z' || *z == 'z')) {
		*p = z + 1;
		return *minutes = 0, 0;
	}
	if ((*z != '+' && *z != '-') || !isdigit((unsigned char)*q))
		return -1;
	if ((h = two_digits(q)) >= 0)
		q += 2;
	else
		h = *q++ - '0';
	if (*q == ':' && two_digits(q + 1) >= 0)
		m = two_digits(q + 1), q += 3;
	else if (two_digits(q) >= 0)
		m = two_digits(q), q += 2;
	if (h > 14 || m > 59)
		return -1;
	*minutes = (h * 60 + m) * (*z == '-' ? -1 : 1);
	*p = q;
	return 0;
}

/*
 * ISO 8601 as feeds write it: YYYY[-MM[-DD]] or YYYYMMDD, then optionally
 * T or a space, hh:mm[:ss[.frac]] or hhmm[ss], and a zone (an offset, Z,
 * or a name after a space). The whole of s must be the date.
 */
static int iso_date(const char *s, const char *lang, struct when *w)
{
	const char *p = s;

	memset(w, 0, sizeof(*w));
	w->mo = w->d = 1;
	if (digits(&p, 4, &w->y))
		return -1;
	if (isdigit((unsigned char)*p)) {
		if (digits(&p, 2, &w->mo) || digits(&p, 2, &w->d))
			return -1;
	} else if (*p == '-') {
		p++;
		if (digits(&p, 2, &w->mo))
			return -1;
		if (*p == '-' && (p++, digits(&p, 2, &w->d)))
			return -1;
	}
	if ((*p == 'T' || *p == 't' || *p == ' ') && isdigit((unsigned char)p[1])) {
		p++;
		if (digits(&p, 2, &w->h))
			return -1;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &w->mi))
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && digits(&p, 2, &w->s))
			return -1;
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (*p == ' ' && (p[1] == '+' || p[1] == '-'))
			p++;
	}
	if (!*p)
		return 0;
	if (!zone_offset(&p, 1, &w->zone)) {
		w->zoned = 1;
	} else if (*p == ' ') {
		char name[8];
		size_t n = 0;

		for (p++; isalpha((unsigned char)p[n]) && n + 1 < sizeof(name); n++)
			name[n] = (char)tolower((unsigned char)p[n]);
		name[n] = '\0';
		if (zone_name(name, lang, &w->zone))
			return -1;
		w->zoned = 1;
		p += n;
	}
	return *p ? -1 : 0;
}

/* ---- the scanner, for what neither ISO 8601 nor curl_getdate() reads ---- */

/*
 * Month names, folded (lowercase, accents off): a word that begins with one
 * of these is that month. English, German, French, Spanish, Italian,
 * Portuguese, Dutch, Hungarian, Greek (Ιαν, Μαΐου), Russian (янв, мая).
 */
static const char *const month_stems[12][9] = {
	{ "jan", "ene", "gen", "ιαν", "янв" },
	{ "feb", "fev", "φεβ", "фев" },
	{ "mar", "maa", "μαρ", "мар" },
	{ "apr", "avr", "abr", "απρ", "апр" },
	{ "may", "mai", "mag", "mei", "maj", "μαι", "мая", "май" },
	{ "jun", "juin", "giu", "ιουν", "июн" },
	{ "jul", "juil", "lug", "ιουλ", "июл" },
	{ "aug", "aout", "ago", "αυγ", "авг" },
	{ "sep", "set", "szep", "σεπ", "сен" },
	{ "oct", "okt", "ott", "out", "οκτ", "окт" },
	{ "nov", "νοε", "ноя" },
	{ "dec", "dez", "dic", "δεκ", "дек" },
};

/* Lowercase without accents, for Latin, Greek and Cyrillic letters. */
static uint32_t fold(uint32_t c)
{
	/* U+00C0..U+00FF; 'x' for the multiplication and division signs */
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooxxouuuuyts"
				     "aaaaaaaceeeeiiiidnooooxxouuuuyty";
	/* U+0386..U+0390, U+03AC..U+03AF, U+03CC..U+03CE */
	static const uint32_t tonos[] = { 0x3b1, 0, 0x3b5, 0x3b7, 0x3b9, 0, 0x3bf, 0, 0x3c5,
		0x3c9, 0x3b9 };
	static const uint32_t tonos_small[] = { 0x3b1, 0x3b5, 0x3b7, 0x3b9 };
	static const uint32_t tonos_late[] = { 0x3bf, 0x3c5, 0x3c9 };

	if (c < 0x80)
		return (uint32_t)tolower((int)c);
	if (c >= 0xc0 && c <= 0xff)
		return (uint32_t)latin1[c - 0xc0];
	if (c == 0x150 || c == 0x151)
		return 'o';
	if (c == 0x170 || c == 0x171)
		return 'u';
	if (c >= 0x386 && c <= 0x390 && tonos[c - 0x386])
		return tonos[c - 0x386];
	if (c >= 0x391 && c <= 0x3a9)
		return c + 0x20;
	if (c == 0x3aa || c == 0x3ca)
		return 0x3b9;
	if (c == 0x3ab || c == 0x3cb || c == 0x3b0)
		return 0x3c5;
	if (c >= 0x3ac && c <= 0x3af)
		return tonos_small[c - 0x3ac];
	if (c >= 0x3cc && c <= 0x3ce)
		return tonos_late[c - 0x3cc];
	if (c == 0x3c2)
		return 0x3c3;
	if (c >= 0x410 && c <= 0x42f)
		return c + 0x20;
	if (c == 0x401 || c == 0x451)
		return 0x435;
	return c;
}

static int month_of(const char *w)
{
	for (int m = 0; m < 12; m++)
		for (int i = 0; month_stems[m][i]; i++)
			if (!strncmp(w, month_stems[m][i], strlen(month_stems[m][i])))
				return m + 1;
	return 0;
}

/* Characters that say what the number before them is: 年 月 日 号 时 時 点 分 秒, 년 월 일 시 분 초. */
enum { MARK_NONE, MARK_YEAR, MARK_MONTH, MARK_DAY, MARK_HOUR, MARK_MINUTE, MARK_SECOND };

static int cjk_mark(uint32_t c, int *hangul)
{
	static const struct {
		uint32_t c;
		int mark, hangul;
	} marks[] = { { 0x5e74, MARK_YEAR, 0 }, { 0x6708, MARK_MONTH, 0 }, { 0x65e5, MARK_DAY, 0 },
		{ 0x53f7, MARK_DAY, 0 }, { 0x65f6, MARK_HOUR, 0 }, { 0x6642, MARK_HOUR, 0 },
		{ 0x70b9, MARK_HOUR, 0 }, { 0x5206, MARK_MINUTE, 0 }, { 0x79d2, MARK_SECOND, 0 },
		{ 0xb144, MARK_YEAR, 1 }, { 0xc6d4, MARK_MONTH, 1 }, { 0xc77c, MARK_DAY, 1 },
		{ 0xc2dc, MARK_HOUR, 1 }, { 0xbd84, MARK_MINUTE, 1 }, { 0xcd08, MARK_SECOND, 1 } };

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
		if (marks[i].c == c) {
			*hangul |= marks[i].hangul;
			return marks[i].mark;
		}
	return MARK_NONE;
}

/* 1 before noon, 2 after, 0 for other words: a.m./p.m., 오전/오후, 上午/下午, 午前/午後. */
static int meridiem(const char *w)
{
	static const char *const am[] = { "am", "a.m.", "a.m", "오전", "上午", "午前" };
	static const char *const pm[] = { "pm", "p.m.", "p.m", "오후", "下午", "午後" };

	for (size_t i = 0; i < ARRAY_SIZE(am); i++) {
		if (!strcmp(w, am[i]))
			return 1;
		if (!strcmp(w, pm[i]))
			return 2;
	}
	return 0;
}

/* What a scan found. Numbers no marker placed are kept with their position. */
struct scan {
	const char *lang;
	struct {
		int v, len, tok;
		char sep; /* the byte after it */
	} nums[6];
	int nnum, tok;
	int month, month_tok; /* the last month name, and where */
	int y, mo, d, h, mi, s;
	int marked, timed, ampm, hangul, zoned, zone;
};

static void scan_word(struct scan *sc, const char *w, const char **rest)
{
	int m;

	if (!strcmp(w, "gmt") || !strcmp(w, "utc") || !strcmp(w, "ut")) {
		/* "GMT", "GMT+8", "UTC+05:30", "GMT -5" */
		const char *p = *rest;

		while (*p == ' ')
			p++;
		if (zone_offset(&p, 0, &m))
			m = 0;
		else
			*rest = p;
		if (!sc->zoned)
			sc->zoned = 1, sc->zone = m;
	} else if ((m = meridiem(w))) {
		sc->ampm = m;
		sc->hangul |= (unsigned char)w[0] >= 0xea; /* 오전, 오후 */
	} else if (!zone_name(w, sc->lang, &m)) {
		if (!sc->zoned)
			sc->zoned = 1, sc->zone = m;
	} else if (strlen(w) >= 3 && (m = month_of(w))) {
		/* "mar., 5 mars", "mar, 5 ene" (mardi, martes): the later name is the month. */
		sc->month = m;
		sc->month_tok = sc->tok;
	}
}

/* A run of digits at *p: a time, YYYYMMDD, a number with a marker, or a number to place. */
/* The minutes or seconds at s; 99 (no time of day) when they do not fit an int. */
static int clock_field(const char *s, char **e)
{
	long v = strtol(s, e, 10);

	return v > 99 ? 99 : (int)v;
}

static void scan_digits(struct scan *sc, const char **pp, const char *end)
{
	const char *p = *pp, *q = p, *after;
	int v = 0, len = 0, hangul = 0, mark = MARK_NONE;

	for (; isdigit((unsigned char)*q); q++, len++)
		if (len < 9)
			v = v * 10 + (*q - '0');
	if (*q == ':' && len <= 2 && isdigit((unsigned char)q[1]) && !sc->timed) {
		/* hh:mm[:ss[.frac]] */
		char *e;

		sc->h = v;
		sc->mi = clock_field(q + 1, &e);
		if (*e == ':' && isdigit((unsigned char)e[1]))
			sc->s = clock_field(e + 1, &e);
		if (*e == '.' && isdigit((unsigned char)e[1]))
			for (e++; isdigit((unsigned char)*e); e++)
				;
		sc->timed = 1;
		*pp = e;
		return;
	}
	if (len == 8 && !sc->marked && !sc->nnum) { /* YYYYMMDD */
		sc->y = v / 10000, sc->mo = v / 100 % 100, sc->d = v % 100;
		sc->marked = 1;
		*pp = q;
		return;
	}
	for (after = q; *after == ' '; after++)
		;
	if ((unsigned char)*after >= 0x80) {
		const char *m = after;

		mark = cjk_mark(text_utf8_next(&m, end), &hangul);
		if (mark)
			q = m;
	}
	sc->hangul |= hangul;
	switch (mark) {
	case MARK_YEAR:
		sc->y = v, sc->marked = 1;
		break;
	case MARK_MONTH:
		sc->mo = v, sc->marked = 1;
		break;
	case MARK_DAY:
		sc->d = v, sc->marked = 1;
		break;
	case MARK_HOUR:
		sc->h = v, sc->timed = 1;
		break;
	case MARK_MINUTE:
		sc->mi = v;
		break;
	case MARK_SECOND:
		sc->s = v;
		break;
	default:
		if (sc->nnum < (int)ARRAY_SIZE(sc->nums)) {
			sc->nums[sc->nnum].v = v;
			sc->nums[sc->nnum].len = len;
			sc->nums[sc->nnum].tok = sc->tok;
			sc->nums[sc->nnum++].sep = *q;
		}
	}
	*pp = q;
}

/* Reads s into sc: numbers, times, zones, month names and markers; other words are dropped. */
static void scan(const char *s, struct scan *sc)
{
	const char *p = s, *end = s + strlen(s);
	struct buf w;

	buf_init(&w, 64);
	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (isdigit(c)) {
			scan_digits(sc, &p, end);
			sc->tok++;
		} else if ((c == '+' || c == '-') && sc->timed && !sc->zoned &&
			   isdigit((unsigned char)p[1])) {
			sc->zoned = !zone_offset(&p, 0, &sc->zone);
			p += !sc->zoned;
		} else if (isalpha(c) || c >= 0x80) {
			const char *q = p;
			int hangul = 0;

			buf_reset(&w);
			while (q < end) {
				const char *at = q;
				uint32_t cp = text_utf8_next(&q, end);

				if (cp == '.' && (w.len == 1 || w.len == 3) && strchr("apm", w.data[w.len - 1])) {
					buf_addch(&w, '.'); /* a.m. */
					continue;
				}
				if (cp < 0x80 ? !isalpha((int)cp) : cjk_mark(cp, &hangul) != MARK_NONE) {
					q = at;
					break;
				}
				text_utf8_put(&w, fold(cp));
			}
			if (q == p) /* a marker after no number, as in 星期日 */
				text_utf8_next(&q, end);
			else
				scan_word(sc, w.data, &q);
			sc->tok++;
			p = q;
		} else {
			p++;
		}
	}
	buf_release(&w);
}

/* Day and year from the numbers around a month name: "5 Jan 2024", "Jan 5, 24", "2024. jan. 5." */
static int place_around_month(struct scan *sc)
{
	int day = -1, year = -1;

	for (int i = 0; i < sc->nnum; i++) {
		int dist = abs(sc->nums[i].tok - sc->month_tok);

		if (sc->nums[i].len <= 2 && sc->nums[i].v >= 1 && sc->nums[i].v <= 31 &&
			(day < 0 || dist < abs(sc->nums[day].tok - sc->month_tok)))
			day = i;
	}
	for (int i = 0; i < sc->nnum; i++) {
		int dist = abs(sc->nums[i].tok - sc->month_tok);

		if (i == day || (sc->nums[i].len != 4 && sc->nums[i].len != 2))
			continue;
		if (year < 0 || (sc->nums[i].len == 4 && sc->nums[year].len != 4) ||
			(sc->nums[i].len == sc->nums[year].len &&
				dist < abs(sc->nums[year].tok - sc->month_tok)))
			year = i;
	}
	if (day < 0 || year < 0)
		return -1;
	sc->d = sc->nums[day].v;
	sc->y = sc->nums[year].v + (sc->nums[year].len == 2 ? (sc->nums[year].v > 70 ? 1900 : 2000) : 0);
	sc->mo = sc->month;
	return 0;
}

/* The numbers alone: 2024-01-05, 2024/01/05, 2024.01.05, 05.01.2024. */
static int place_numeric(struct scan *sc)
{
	if (sc->nnum < 3)
		return -1;
	if (sc->nums[0].len == 4 && strchr("-/.", sc->nums[0].sep) &&
		sc->nums[1].sep == sc->nums[0].sep) {
		sc->y = sc->nums[0].v, sc->mo = sc->nums[1].v, sc->d = sc->nums[2].v;
		return 0;
	}
	if (sc->nums[0].sep == '.' && sc->nums[1].sep == '.' && sc->nums[2].len == 4) {
		sc->d = sc->nums[0].v, sc->mo = sc->nums[1].v, sc->y = sc->nums[2].v;
		return 0;
	}
	return -1;
}

/* 1 if s has "GMT+8", "UTC-05:00" or the like. */
static int offset_from_gmt(const char *s)
{
	for (const char *p = s; (p = strpbrk(p, "+-")); p++) {
		const char *q = p;

		while (q > s && q[-1] == ' ')
			q--;
		if (q - s >= 2 && isdigit((unsigned char)p[1]) &&
			(!strncasecmp(q - 2, "UT", 2) || (q - s >= 3 && (!strncasecmp(q - 3, "GMT", 3) ||
									 !strncasecmp(q - 3, "UTC", 3)))))
			return 1;
	}
	return 0;
}

/* The date the scanner reads in s, in w; 0, or -1 when it places none. */
static int scan_date(const char *s, const char *lang, struct when *w)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.lang = lang;
	scan(s, &sc);
	if (sc.marked) {
		/* 年 月 日 (or YYYYMMDD) placed the date; a month name may stand for 月. */
		if (!sc.mo)
			sc.mo = sc.month;
		for (int i = 0; i < sc.nnum; i++) { /* "05 1월 2024": what no marker placed */
			if (!sc.y && sc.nums[i].len == 4)
				sc.y = sc.nums[i].v;
			else if (!sc.d && sc.nums[i].len <= 2)
				sc.d = sc.nums[i].v;
		}
	} else if (sc.month ? place_around_month(&sc) : place_numeric(&sc)) {
		return -1;
	}
	if (sc.ampm && sc.h >= 1 && sc.h <= 12)
		sc.h = sc.ampm == 2 ? sc.h % 12 + 12 : sc.h % 12;
	if (!sc.zoned && !local_zone(lang, &sc.zone) && sc.hangul)
		local_zone("ko", &sc.zone);
	memset(w, 0, sizeof(*w));
	w->y = sc.y, w->mo = sc.mo, w->d = sc.d, w->h = sc.h, w->mi = sc.mi, w->s = sc.s;
	w->zoned = sc.zoned, w->zone = sc.zone;
	return 0;
}

/*
 * 1 when a numeric zone after the time is one no place has ("+9900",
 * "+99:00"): libcurl would read the date as UTC, hours off, in silence.
 */
static int unreadable_offset(const char *s)
{
	const char *p = strchr(s, ':');
	int minutes;

	for (; p && *p; p++) {
		const char *at = p, *end = p + 1;

		if ((*p != '+' && *p != '-') || !isdigit((unsigned char)p[1]) ||
			(p[-1] != ' ' && !isdigit((unsigned char)p[-1])))
			continue;
		/* A token of its own ("+9900", "+99:00"), not a date's "-12-25" */
		while (isdigit((unsigned char)*end))
			end++;
		if (*end == ':' && isdigit((unsigned char)end[1]))
			for (end++; isdigit((unsigned char)*end); end++)
				;
		if (*end && !strchr(" ),;", *end))
			continue;
		if (zone_offset(&at, 0, &minutes) || at != end)
			return 1;
	}
	return 0;
}

int date_parse_lang(const char *s, const char *lang, int64_t *ms)
{
	struct when w;
	int local;

	while (isspace((unsigned char)*s))
		s++;
	if (!iso_date(s, lang, &w)) {
		if (!w.zoned && local_zone(lang, &local))
			w.zone = local;
		return when_ms(&w, ms);
	}
	/*
	 * libcurl reads the RFC 822 family as RSS writes it, but takes a missing
	 * zone for GMT and CST for US Central, not what the language may say,
	 * and reads "GMT+8" as GMT.
	 */
	if (unreadable_offset(s))
		return -1;
	if (!local_zone(lang, &local) && !offset_from_gmt(s)) {
		time_t t = curl_getdate(s, NULL);

		if (t != -1) {
			/*
			 * It also rolls a day the month does not have over into the
			 * next ("30 Feb" is 2 March), where every other form is
			 * refused: the day the scanner reads must exist.
			 */
			if (!scan_date(s, lang, &w) && !when_valid(&w))
				return -1;
			*ms = (int64_t)t * 1000;
			return 0;
		}
	}
	if (scan_date(s, lang, &w))
		return -1;
	return when_ms(&w, ms);
}

int date_parse(const char *s, int64_t *ms)
{
	return date_parse_lang(s, NULL, ms);
}
