/*
 * Datelines and bylines that open wire and local copy, taken off a key
 * point: summarize_strip_dateline() and summarize_strip_place() of
 * summarize.h.
 */
#include "summarize.h"

#include <ctype.h>
#include <string.h>

#include "text.h"
#include "common.h"

/*
 * s past the writers' names in capitals that some pages run into the
 * text: "JANE DOE and JOHN ROE It will have to be ..." (two words in
 * capitals or more, maybe joined by "and", before a word that is not);
 * s itself otherwise: "PRINCESS Diana's" is one word.
 */
static const char *past_names_in_capitals(const char *s)
{
	const char *p = s;
	size_t words = 0;

	for (;;) {
		const char *w = p;

		if (isupper((unsigned char)p[0]) && islower((unsigned char)p[1]))
			return words >= 2 ? p : s;
		if (words && !strncmp(p, "and ", 4)) {
			p += 4;
			continue;
		}
		while (isupper((unsigned char)*p) || *p == '.' || *p == '\'' || *p == '-')
			p++;
		if (p - w < 2 || *p != ' ')
			return s;
		words++;
		p++;
	}
}

/*
 * Past a dash opening s (" - ", "--", "—", "–", ".-"), else NULL. Not a
 * colon: "Johannes Thingnes Bø (Norwegen/Biathlon): " names whom the
 * sentence is about, "Hamberger, J. (2021): " what it cites.
 */
static const char *past_dash(const char *s)
{
	static const char *const dashes[] = { ".-", "--", "-", "\xe2\x80\x94", "\xe2\x80\x93" };

	while (*s == ' ')
		s++;
	for (size_t i = 0; i < ARRAY_SIZE(dashes); i++)
		if (!strncmp(s, dashes[i], strlen(dashes[i]))) {
			s += strlen(dashes[i]);
			while (*s == ' ')
				s++;
			return s;
		}
	return NULL;
}

/* 1 if s opens with a letter in lowercase: no sentence starts there. */
static int opens_lower(const char *s)
{
	const char *c = s;

	return text_is_lower(text_utf8_next(&c, s + strlen(s)));
}

/* Past a dash opening s, when what follows opens a sentence (not in lowercase); else NULL. */
static const char *past_dash_to_sentence(const char *s)
{
	const char *p = past_dash(s);

	if (!p || !*p || opens_lower(p))
		return NULL;
	return p;
}

/*
 * 1 if the letter at p opens a name: a capital, in the alphabets
 * text_is_lower() knows (Latin, Greek, Cyrillic). Han and kana have no
 * capitals: "华为 (Huawei) - ..." opens no dateline.
 */
static int opens_name(const char *p)
{
	const char *c = p;
	uint32_t cp = text_utf8_next(&c, c + strlen(c));

	return isupper((unsigned char)*p) ||
	       (cp >= 0xc0 && cp < 0x500 && cp != 0xd7 && !text_is_lower(cp));
}

/* 1 if s..end names an agency: a word or a few that open in a capital ("dpa", "Europa Press"). */
static int agency(const char *s, const char *end)
{
	int words = 0;

	for (const char *p = s; p < end; p++)
		if (p == s || p[-1] == ' ') {
			if (opens_lower(p) && p != s)
				return 0;
			words++;
		}
	return words >= 1 && words <= 3;
}

/*
 * Wire copy in the languages that write places as names: a place (and a
 * date) of a few words, an agency in brackets, a dash: "Berlin (dpa) – ",
 * "Madrid, 3 nov (EFE).- ", "Lyon, 3 oct. (AFP) – ", "Москва (ТАСС) — ". What follows opens a
 * sentence: "Olaf Scholz (SPD) – der ..." is a name and a party. NULL when
 * s does not open so.
 */
static const char *past_place_and_agency(const char *s)
{
	const char *open = strchr(s, '('), *close, *after;
	size_t words = 0, chars = 0;

	if (!open || !opens_name(s))
		return NULL;
	for (const char *p = s; p < open; p++) {
		/* forty characters, in any script: "Санкт-Петербург, 3 ноября" */
		if ((chars += ((unsigned char)*p & 0xc0) != 0x80) > 40)
			return NULL;
		/* a date's dot ("3. Okt.", "3 oct. (AFP)") ends no sentence */
		if (*p == '.' && !isdigit((unsigned char)p[-1]) && !(p + 2 == open && p[1] == ' '))
			return NULL;
		if (*p == '!' || *p == '?' || *p == ':')
			return NULL;
		words += *p == ' ' && p[1] != ' ' && p[1] != '(';
	}
	close = strchr(open, ')');
	if (words > 4 || !close || close - open > 25 || !agency(open + 1, close))
		return NULL;
	after = close + 1;
	if (*after == '.' && after[1] == ' ')
		return NULL; /* "Paris (AFP). " a sentence in itself is no dateline */
	return past_dash_to_sentence(after);
}

/* 1 if s ends as a sentence does: . ! ? maybe before a closing quote or bracket. */
static int ends_sentence(const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	for (size_t back = 0; back < 4 && back < n; back++)
		if (strchr(".!?", s[n - 1 - back]))
			return 1;
	return 0;
}

const char *summarize_strip_place(const char *s)
{
	static const char *const dashes[] = { " \xe2\x80\x93 ", " \xe2\x80\x94 ", " - " };
	const char *p = s, *last = s;
	size_t words = 1;

	if (!opens_name(s))
		return s;
	/* a name of three words at most, of letters ("Frankfurt am Main", "Saint-Denis") */
	for (; *p && p - s <= 30; p++) {
		if (*p == ' ') {
			for (size_t i = 0; i < ARRAY_SIZE(dashes); i++)
				if (!strncmp(p, dashes[i], strlen(dashes[i]))) {
					const char *after = p + strlen(dashes[i]);

					/*
					 * its last word a name too, and a sentence after
					 * the dash; a headline's kicker has none
					 * ("Nahrungsergänzungsmittel - Das dubiose
					 * Geschäft mit der Hoffnung")
					 */
					return opens_name(last) && opens_name(after) &&
							       ends_sentence(after) ?
						       after :
						       s;
				}
			if (++words > 3)
				return s;
			last = p + 1;
		} else if (isdigit((unsigned char)*p) || (ispunct((unsigned char)*p) && *p != '-' &&
							   *p != '/')) {
			return s;
		}
	}
	return s;
}

/*
 * Wire copy opens with where and who: "BEIJING, Nov 3 (Reuters) - ",
 * "SAN FRANCISCO — ", "Berlin (dpa) – ", "新华社北京11月3日电 ", "（记者
 * 张三）". A key point is better without them.
 */
const char *summarize_strip_dateline(const char *s)
{
	const char *p;
	size_t caps = 0;

	s = past_names_in_capitals(s);
	p = past_place_and_agency(s);
	if (p)
		return p;
	p = s;
	/* English: a place in capitals, maybe a date and an agency, then a dash. */
	while (isupper((unsigned char)*p) || *p == ' ' || *p == '.' || *p == '\'')
		caps += isupper((unsigned char)*p++) != 0;
	if (caps >= 3) {
		const char *q = p[-1] == ' ' ? p - 1 : p, *dash, *r; /* the dash's own space */

		if (*q == ',')
			q++;
		dash = strstr(q, " - ");
		if (!dash)
			dash = strstr(q, " -- ");
		if (!dash)
			dash = strstr(q, " \xe2\x80\x94 "); /* em dash */
		if (!dash)
			dash = strstr(q, " \xe2\x80\x93 "); /* en dash */
		if (dash && dash - q <= 40 && !memchr(q, '.', (size_t)(dash - q)))
			return dash + (dash[2] == ' ' ? 3 : dash[1] == '-' ? 4 : 5);
		/* "WASHINGTON (AP) Congress ...", "STORRS, Conn.: A.J. Price ..." */
		for (r = q; r - q < 30 && (*r == ' ' || *r == ',' || *r == '.' ||
					      isalpha((unsigned char)*r)); r++)
			;
		if (*r == '(' && strchr(r, ')') && strchr(r, ')') - r <= 25) {
			r = strchr(r, ')') + 1;
			while (*r == ' ')
				r++;
			/* "LCI (Life Cycle Impulse) nennt es BMW": a name and its meaning */
			if (!opens_lower(r))
				return r;
		}
		if (*r == ':' && r[1] == ' ')
			return r + 2;
	}
	/* Chinese: an agency's "...电" within the first twenty characters. */
	p = s;
	for (size_t chars = 0; *p && chars < 20; chars++) {
		if (!strncmp(p, "\xe7\x94\xb5", 3) && chars >= 4) { /* 电 */
			const char *q = p + 3;

			if (*q == ' ')
				q++;
			else if (!strncmp(q, "\xef\xbc\x8c", 3) || !strncmp(q, "\xe3\x80\x80", 3))
				q += 3; /* ，or ideographic space */
			else if (strncmp(q, "\xef\xbc\x88", 3)) /* （ */
				break;
			s = q;
			break;
		}
		if (!strncmp(p, "\xe3\x80\x82", 3) || !strncmp(p, "\xef\xbc\x8c", 3))
			break; /* 。or ，before any 电: no dateline */
		text_utf8_next(&p, p + strlen(p));
	}
	p = s;
	/*
	 * "（记者 张三）" or "(Reuters)" left at the start, before a sentence:
	 * "(KBoM) entwickelt ..." is a name the sentence goes on from.
	 */
	if (!strncmp(p, "\xef\xbc\x88", 3) || *p == '(') {
		const char *close = strstr(p, *p == '(' ? ")" : "\xef\xbc\x89"), *after;

		if (close && close - p <= 40) {
			after = close + (*p == '(' ? 1 : 3);
			while (*after == ' ')
				after++;
			if (!opens_lower(after))
				p = after;
		}
	}
	while (*p == ' ')
		p++;
	return p;
}
