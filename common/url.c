#include "url.h"

#include <ctype.h>
#include <curl/curl.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "common.h"

char *url_resolve(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *out = NULL, *res = NULL;

	if (!u)
		return NULL;
	if (base && *base && curl_url_set(u, CURLUPART_URL, base, CURLU_NON_SUPPORT_SCHEME))
		goto out;
	if (curl_url_set(u, CURLUPART_URL, ref, CURLU_NON_SUPPORT_SCHEME))
		goto out;
	if (curl_url_get(u, CURLUPART_URL, &out, 0))
		goto out;
	res = xstrdup(out);
out:
	curl_free(out);
	curl_url_cleanup(u);
	return res;
}

static int tracking_param(const char *p, size_t n)
{
	static const char *const exact[] = { "fbclid", "gclid", "spm", "mc_cid", "mc_eid" };

	if (n >= 4 && !strncmp(p, "utm_", 4))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(exact); i++)
		if (strlen(exact[i]) == n && !strncmp(p, exact[i], n))
			return 1;
	return 0;
}

struct param {
	char *text; /* "key=value" */
	size_t pos; /* in the original query */
};

/* By key; parameters with one key keep their order, which can matter. */
static int by_key(const void *a, const void *b)
{
	const struct param *x = a, *y = b;
	size_t kx = strcspn(x->text, "="), ky = strcspn(y->text, "=");
	int c = strncmp(x->text, y->text, kx < ky ? kx : ky);

	if (c)
		return c;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

char *url_canonical(const char *url)
{
	CURLU *u = curl_url();
	char *query = NULL, *out = NULL, *res = NULL, *host = NULL;

	if (!u)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME))
		goto out;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	if (!curl_url_get(u, CURLUPART_HOST, &host, 0) && host) {
		/* Host names are case-insensitive; curl keeps them as written. */
		for (char *p = host; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		curl_url_set(u, CURLUPART_HOST, host, 0);
	}
	if (!curl_url_get(u, CURLUPART_QUERY, &query, 0) && query) {
		struct buf kept;
		struct param *params = NULL;
		size_t nparams = 0;
		const char *p = query;

		while (*p) {
			const char *amp = strchr(p, '&'), *eq;
			size_t n = amp ? (size_t)(amp - p) : strlen(p);

			eq = memchr(p, '=', n);
			if (n && !tracking_param(p, eq ? (size_t)(eq - p) : n)) {
				params = xrealloc(params, (nparams + 1) * sizeof(*params));
				params[nparams].text = xstrndup(p, n);
				params[nparams].pos = nparams;
				nparams++;
			}
			p += n + (amp ? 1 : 0);
		}
		/* ?b=2&a=1 and ?a=1&b=2 are one page. */
		if (nparams > 1)
			qsort(params, nparams, sizeof(*params), by_key);
		buf_init(&kept, strlen(query) + 1);
		for (size_t i = 0; i < nparams; i++) {
			if (kept.len)
				buf_addch(&kept, '&');
			buf_addstr(&kept, params[i].text);
			free(params[i].text);
		}
		free(params);
		curl_url_set(u, CURLUPART_QUERY, kept.len ? kept.data : NULL, 0);
		buf_release(&kept);
	}
	/* curl lowercases the scheme and drops default ports on output. */
	if (curl_url_get(u, CURLUPART_URL, &out, CURLU_NO_DEFAULT_PORT))
		goto out;
	res = xstrdup(out);
out:
	curl_free(host);
	curl_free(query);
	curl_free(out);
	curl_url_cleanup(u);
	return res;
}

int url_article_id(const char *url, char out[33])
{
	char *c = url_canonical(url);

	if (!c)
		return -1;
	hash_id128(c, strlen(c), out);
	free(c);
	return 0;
}

/*
 * "scheme://host[:port]" of an http(s) URL, lowercased, or with host_only
 * its host alone; NULL when url is not http(s) or does not parse.
 */
static char *http_part(const char *url, int host_only)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *res = NULL;

	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) ||
		curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
		curl_url_get(u, CURLUPART_HOST, &host, 0))
		goto out;
	if (strcmp(scheme, "http") && strcmp(scheme, "https"))
		goto out;
	if (host_only) {
		res = xstrdup(host);
	} else {
		size_t n;

		curl_url_get(u, CURLUPART_PORT, &port, 0);
		n = strlen(scheme) + strlen(host) + (port ? strlen(port) : 0) + 8;
		res = xmalloc(n);
		snprintf(res, n, "%s://%s%s%s", scheme, host, port ? ":" : "", port ? port : "");
	}
	for (char *p = res; *p; p++)
		*p = (char)tolower((unsigned char)*p);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return res;
}

char *url_origin(const char *url)
{
	return http_part(url, 0);
}

char *url_host(const char *url)
{
	return http_part(url, 1);
}

char *url_path_query(const char *url)
{
	CURLU *u = curl_url();
	char *path = NULL, *query = NULL, *res = NULL;

	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) ||
		curl_url_get(u, CURLUPART_PATH, &path, 0))
		goto out;
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	{
		size_t n = strlen(path) + (query ? strlen(query) : 0) + 2;

		res = xmalloc(n);
		snprintf(res, n, "%s%s%s", path, query ? "?" : "", query ? query : "");
	}
out:
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return res;
}
