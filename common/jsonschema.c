#include "jsonschema.h"

#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "common.h"

struct vctx {
	const json_t *root;
	struct buf path;
	char *errstr;
	size_t errsize;
};

static int fail(struct vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct vctx *v, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* a quoted value cut by either buffer must not end the error in half a character */
	msg[text_utf8_fit(msg, strlen(msg), sizeof(msg))] = '\0';
	snprintf(v->errstr, v->errsize, "%s: %s", v->path.len ? v->path.data : "$", msg);
	if (v->errsize)
		v->errstr[text_utf8_fit(v->errstr, strlen(v->errstr), v->errsize)] = '\0';
	return -1;
}

static int type_matches(const char *t, const json_t *x)
{
	if (!strcmp(t, "object"))
		return json_is_object(x);
	if (!strcmp(t, "array"))
		return json_is_array(x);
	if (!strcmp(t, "string"))
		return json_is_string(x);
	if (!strcmp(t, "integer"))
		return json_is_integer(x);
	if (!strcmp(t, "number"))
		return json_is_number(x);
	if (!strcmp(t, "boolean"))
		return json_is_boolean(x);
	if (!strcmp(t, "null"))
		return json_is_null(x);
	return 0;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* RFC 3339: 2026-01-02T03:04:05[.123](Z|+01:00) */
static int is_date_time(const char *s)
{
	if (strlen(s) < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
		!digits(s + 8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
		s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return 0;
	s += 19;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'Z' || *s == 'z')
		return s[1] == '\0';
	return (*s == '+' || *s == '-') && digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2) &&
	       s[6] == '\0';
}

static int is_uri(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.')
		s++;
	if (*s != ':' || !s[1])
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

static int validate(struct vctx *v, const json_t *schema, const json_t *x);

static int validate_object(struct vctx *v, const json_t *schema, const json_t *x)
{
	const json_t *req = json_object_get(schema, "required");
	const json_t *props = json_object_get(schema, "properties");
	const json_t *extra = json_object_get(schema, "additionalProperties");
	const char *key;
	json_t *val;
	size_t i, mark = v->path.len;
	json_t *r;

	json_array_foreach(req, i, r)
	{
		if (!json_object_get(x, json_string_value(r)))
			return fail(v, "required field '%s' is missing", json_string_value(r));
	}
	json_object_foreach((json_t *)x, key, val)
	{
		const json_t *ps = props ? json_object_get(props, key) : NULL;

		if (!ps) {
			if (json_is_false(extra))
				return fail(v, "unexpected field '%s'", key);
			continue;
		}
		buf_printf(&v->path, ".%s", key);
		if (validate(v, ps, val))
			return -1;
		v->path.len = mark;
		v->path.data[mark] = '\0';
	}
	return 0;
}

static int validate_array(struct vctx *v, const json_t *schema, const json_t *x)
{
	const json_t *items = json_object_get(schema, "items");
	const json_t *min = json_object_get(schema, "minItems");
	const json_t *max = json_object_get(schema, "maxItems");
	long long n = (long long)json_array_size(x);
	size_t i, mark = v->path.len;
	json_t *it;

	if (min && n < json_integer_value(min))
		return fail(v, "%lld items, at least %lld needed", n, (long long)json_integer_value(min));
	if (max && n > json_integer_value(max))
		return fail(v, "%lld items, at most %lld allowed", n, (long long)json_integer_value(max));
	if (!items)
		return 0;
	json_array_foreach(x, i, it)
	{
		buf_printf(&v->path, "[%zu]", i);
		if (validate(v, items, it))
			return -1;
		v->path.len = mark;
		v->path.data[mark] = '\0';
	}
	return 0;
}

static int validate(struct vctx *v, const json_t *schema, const json_t *x)
{
	const json_t *ref = json_object_get(schema, "$ref"), *t, *c, *e;

	if (ref) {
		const char *r = json_string_value(ref);

		if (!r || strncmp(r, "#/$defs/", 8))
			BUG("unsupported $ref in a schema");
		schema = json_object_get(json_object_get(v->root, "$defs"), r + 8);
		if (!schema)
			BUG("dangling $ref %s", r);
	}
	c = json_object_get(schema, "const");
	if (c && !json_equal(c, (json_t *)x))
		return fail(v, "must be \"%s\"", json_string_value(c) ? json_string_value(c) : "?");
	e = json_object_get(schema, "enum");
	if (e) {
		size_t i;
		json_t *opt;
		int ok = 0;

		json_array_foreach(e, i, opt) ok |= json_equal(opt, (json_t *)x);
		if (!ok)
			return fail(v, "value not allowed here");
	}
	t = json_object_get(schema, "type");
	if (t) {
		int ok = 0;

		if (json_is_string(t)) {
			ok = type_matches(json_string_value(t), x);
		} else {
			size_t i;
			json_t *one;

			json_array_foreach(t, i, one) ok |= type_matches(json_string_value(one), x);
		}
		if (!ok)
			return fail(v, "must be of type %s",
				json_is_string(t) ? json_string_value(t) : "as listed");
	}
	if (json_is_object(x))
		return validate_object(v, schema, x);
	if (json_is_array(x))
		return validate_array(v, schema, x);
	if (json_is_string(x)) {
		const char *s = json_string_value(x), *fmt;
		const json_t *min = json_object_get(schema, "minLength");
		const json_t *max = json_object_get(schema, "maxLength");
		long long n = (long long)text_chars(s);

		if (min && n < json_integer_value(min))
			return fail(v, "too short (%lld characters)", n);
		if (max && n > json_integer_value(max))
			return fail(v, "too long (%lld characters)", n);
		fmt = json_string_value(json_object_get(schema, "format"));
		if (fmt && !strcmp(fmt, "date-time") && !is_date_time(s))
			return fail(v, "'%s' is not an RFC 3339 date-time", s);
		if (fmt && !strcmp(fmt, "uri") && !is_uri(s))
			return fail(v, "'%.*s' is not an absolute URI",
				(int)text_utf8_fit(s, strlen(s), 200), s);
	}
	if (json_is_number(x)) {
		const json_t *min = json_object_get(schema, "minimum");
		const json_t *max = json_object_get(schema, "maximum");
		double d = json_number_value(x);

		if (min && d < json_number_value(min))
			return fail(v, "%g is below the minimum %g", d, json_number_value(min));
		if (max && d > json_number_value(max))
			return fail(v, "%g is above the maximum %g", d, json_number_value(max));
	}
	return 0;
}

int jsonschema_validate(const json_t *schema, const json_t *doc, char *errstr, size_t errsize)
{
	struct vctx v = { schema, { 0 }, errstr, errsize };
	int rc;

	buf_init(&v.path, 4096);
	buf_addch(&v.path, '$');
	rc = validate(&v, schema, doc);
	buf_release(&v.path);
	return rc;
}
