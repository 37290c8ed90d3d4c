#include "answer.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "common.h"

#define TAG_MAX_CHARS 40

static const char schema[] =
	"{\"type\":\"object\",\"additionalProperties\":false,"
	"\"required\":[\"headline\",\"emoji\",\"key_points\",\"tags\",\"importance\",\"lang\"],"
	"\"properties\":{"
	"\"headline\":{\"type\":\"string\"},"
	"\"emoji\":{\"type\":\"string\"},"
	"\"key_points\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},"
	"\"minItems\":3,\"maxItems\":3},"
	"\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"maxItems\":5},"
	"\"importance\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
	"\"lang\":{\"type\":\"string\"}}}";

const char *answer_schema(void)
{
	return schema;
}

/* One line of plain text: white space folded, control characters gone. */
static char *one_line(const char *s)
{
	struct buf b;

	buf_init(&b, 64 * 1024);
	text_append_clean(&b, s, strlen(s));
	return buf_detach(&b, NULL);
}

/* The first JSON object in content, past code fences and prose around it. */
static json_t *find_object(const char *content, size_t len, unsigned *repairs)
{
	const char *p = content, *end = content + len;

	for (int tries = 0; tries < 8 && p < end; tries++) {
		json_error_t err;
		json_t *o;

		p = memchr(p, '{', (size_t)(end - p));
		if (!p)
			return NULL;
		o = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, &err);
		if (o && json_is_object(o)) {
			const char *rest = p + err.position;

			while (rest < end && isspace((unsigned char)*rest))
				rest++;
			if (p != content || rest < end)
				(*repairs)++; /* fences or prose around the object */
			return o;
		}
		json_decref(o);
		p++;
	}
	return NULL;
}

static json_t *get_any(json_t *o, const char *const *names, unsigned *repairs)
{
	for (size_t i = 0; names[i]; i++) {
		json_t *v = json_object_get(o, names[i]);

		if (v) {
			if (i)
				(*repairs)++;
			return v;
		}
	}
	return NULL;
}

/* Strips "- ", "* ", "• ", "1. ", "2) " from the start of a point. */
static const char *unbullet(const char *s)
{
	const char *p = s;

	while (*p == ' ')
		p++;
	if ((*p == '-' || *p == '*') && p[1] == ' ')
		return p + 2;
	if (!strncmp(p, "\xe2\x80\xa2", 3)) /* • */
		return p[3] == ' ' ? p + 4 : p + 3;
	if (isdigit((unsigned char)*p)) {
		const char *q = p;

		while (isdigit((unsigned char)*q))
			q++;
		if ((*q == '.' || *q == ')' || !strncmp(q, "\xe3\x80\x81", 3)) && q - p <= 2) {
			q += *q == '.' || *q == ')' ? 1 : 3;
			while (*q == ' ')
				q++;
			return q;
		}
	}
	return p;
}

static void add_point(struct summary *s, const char *raw, size_t max_chars, unsigned *repairs,
	size_t *extra)
{
	char *c = one_line(unbullet(raw));

	if (!*c) {
		free(c);
		return;
	}
	if (s->npoints == SUMMARY_POINTS) {
		(*extra)++;
		free(c);
		return;
	}
	if (text_chars(c) > max_chars) {
		char *cut = text_shorten(c, max_chars);

		free(c);
		c = cut;
		(*repairs)++;
	}
	s->points[s->npoints++] = c;
}

static int read_points(json_t *v, const struct answer_rules *r, struct summary *s,
	unsigned *repairs, char *errstr, size_t errsize)
{
	size_t extra = 0, i;
	json_t *item;

	if (json_is_string(v)) { /* one bulleted string */
		(*repairs)++;
		for (const char *line = json_string_value(v); *line;) {
			size_t n = strcspn(line, "\n");
			char *one = xstrndup(line, n);

			add_point(s, one, r->max_point_chars, repairs, &extra);
			free(one);
			line += n + (line[n] == '\n');
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item) {
			if (!json_is_string(item)) {
				snprintf(errstr, errsize, "key point %zu is not a string", i + 1);
				return -1;
			}
			add_point(s, json_string_value(item), r->max_point_chars, repairs, &extra);
		}
	} else {
		snprintf(errstr, errsize, "no key_points list");
		return -1;
	}
	if (extra)
		(*repairs)++;
	if (s->npoints < SUMMARY_POINTS) {
		snprintf(errstr, errsize, "%zu key points, %d wanted", s->npoints, SUMMARY_POINTS);
		return -1;
	}
	for (size_t a = 0; a < s->npoints; a++)
		for (size_t b = a + 1; b < s->npoints; b++)
			if (!strcasecmp(s->points[a], s->points[b])) {
				snprintf(errstr, errsize, "key points %zu and %zu say the same", a + 1,
					b + 1);
				return -1;
			}
	return 0;
}

/* An emoji is a short run of symbols: no letters, digits or ASCII at all. */
static int is_emoji(const char *e)
{
	const char *p = e, *end = e + strlen(e);
	int symbols = 0;

	if (!*e || strlen(e) > 16)
		return 0;
	while (p < end) {
		uint32_t cp = text_utf8_next(&p, end);

		if (cp < 0x80 || text_is_cjk(cp) || (cp >= 0x0370 && cp < 0x2000))
			return 0;
		if (cp >= 0x2000)
			symbols++;
	}
	return symbols > 0;
}

static void read_tags(json_t *v, struct summary *s, unsigned *repairs)
{
	size_t i;
	json_t *item;

	if (json_is_string(v)) { /* "a, b, c" or "a，b" */
		(*repairs)++;
		for (const char *t = json_string_value(v); *t;) {
			const char *wide = strstr(t, "\xef\xbc\x8c");
			size_t n = strcspn(t, ",");
			char *one, *c;

			if (wide && (size_t)(wide - t) < n)
				n = (size_t)(wide - t);
			one = xstrndup(t, n);
			c = one_line(one);
			if (text_chars(c) <= TAG_MAX_CHARS)
				summary_add_tag(s, c);
			free(c);
			free(one);
			t += n;
			t += !strncmp(t, "\xef\xbc\x8c", 3) ? 3 : *t == ',';
		}
		return;
	}
	json_array_foreach(v, i, item) {
		char *c;

		if (!json_is_string(item))
			continue;
		c = one_line(json_string_value(item));
		if (text_chars(c) <= TAG_MAX_CHARS)
			summary_add_tag(s, *c == '#' ? c + 1 : c);
		else
			(*repairs)++;
		free(c);
	}
}

/* 0..1 from a number or numeric string; a 0-10 or 0-100 scale is brought back. */
static double read_importance(json_t *v, unsigned *repairs)
{
	double x;

	if (json_is_number(v)) {
		x = json_number_value(v);
	} else if (json_is_string(v)) {
		char *end;

		x = strtod(json_string_value(v), &end);
		if (end == json_string_value(v) || !isfinite(x)) {
			(*repairs)++;
			return 0.5;
		}
		(*repairs)++;
	} else {
		(*repairs)++;
		return 0.5; /* the model did not judge: neither high nor low */
	}
	if (x > 1 && x <= 10)
		x /= 10, (*repairs)++;
	else if (x > 10 && x <= 100)
		x /= 100, (*repairs)++;
	if (x < 0 || x > 1) {
		(*repairs)++;
		x = x < 0 ? 0 : 1;
	}
	return x;
}

int answer_parse(const char *content, size_t len, const struct answer_rules *r,
	struct summary *s, unsigned *repairs, char *errstr, size_t errsize)
{
	static const char *const headline_names[] = { "headline", "title", NULL };
	static const char *const points_names[] = { "key_points", "points", "keyPoints",
		"bullets", NULL };
	json_t *o = find_object(content, len, repairs), *v;
	unsigned ignored = 0;
	int rc = -1;

	memset(s, 0, sizeof(*s));
	if (!o) {
		snprintf(errstr, errsize, "the answer holds no JSON object");
		return -1;
	}
	/* {"result": {...}}: the summary one level down */
	if (json_object_size(o) == 1 && !get_any(o, points_names, &ignored)) {
		json_t *inner = json_object_iter_value(json_object_iter(o));

		if (json_is_object(inner)) {
			json_incref(inner);
			json_decref(o);
			o = inner;
			(*repairs)++;
		}
	}
	if (read_points(get_any(o, points_names, repairs), r, s, repairs, errstr, errsize))
		goto out;

	v = get_any(o, headline_names, repairs);
	if (json_is_string(v) && *json_string_value(v)) {
		s->headline = one_line(json_string_value(v));
	} else {
		s->headline = one_line(r->title ? r->title : "");
		(*repairs)++;
	}
	if (!*s->headline) {
		snprintf(errstr, errsize, "no headline");
		goto out;
	}
	if (text_chars(s->headline) > r->max_headline_chars) {
		char *cut = text_shorten(s->headline, r->max_headline_chars);

		free(s->headline);
		s->headline = cut;
		(*repairs)++;
	}

	v = json_object_get(o, "emoji");
	if (json_is_string(v) && is_emoji(json_string_value(v))) {
		strlcpy_p(s->emoji, json_string_value(v), sizeof(s->emoji));
	} else {
		strlcpy_p(s->emoji, emoji_pick(r->emoji, s->headline, r->text),
			sizeof(s->emoji));
		(*repairs)++;
	}
	read_tags(json_object_get(o, "tags"), s, repairs);
	s->importance = read_importance(json_object_get(o, "importance"), repairs);
	v = json_object_get(o, "lang");
	if (json_is_string(v) && *json_string_value(v) && strlen(json_string_value(v)) < 12) {
		strlcpy_p(s->lang, json_string_value(v), sizeof(s->lang));
	} else {
		strlcpy_p(s->lang, r->lang && *r->lang ? r->lang : "und", sizeof(s->lang));
		(*repairs)++;
	}
	rc = 0;
out:
	json_decref(o);
	return rc;
}

char *answer_format(const struct summary *s)
{
	json_t *points = json_array(), *tags = json_array(), *o;
	char *out;

	for (size_t i = 0; i < s->npoints; i++)
		json_array_append_new(points, json_string(s->points[i]));
	for (size_t i = 0; i < s->ntags; i++)
		json_array_append_new(tags, json_string(s->tags[i]));
	o = json_pack("{s:s, s:s, s:o, s:o, s:f, s:s}", "headline", s->headline, "emoji", s->emoji,
		"key_points", points, "tags", tags, "importance", s->importance, "lang", s->lang);
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return out;
}
