#include "story.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "anchor.h"
#include "buf.h"
#include "hash.h"
#include "text.h"
#include "url.h"
#include "common.h"

struct anchor {
	uint64_t h;
	enum anchor_kind kind;
	int boilerplate;
};

/* An article prepared for many comparisons: hashed, sorted anchors and title tokens. */
struct prepared {
	struct anchor *a;
	size_t n, comparable; /* comparable: figures and Latin names, what survives translation */
	/* sorted hashes: the title's tokens, those that name the story, its anchors */
	uint64_t *title, *title_content, *title_anchors;
	size_t ntitle, ntitle_content, ntitle_anchors;
	uint64_t simhash;
	int has_simhash, doubtful;
	char site[512]; /* the URL's host, or the outlet (site_of) */
	const char *lang;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_anchor(const void *a, const void *b)
{
	return cmp_u64(&((const struct anchor *)a)->h, &((const struct anchor *)b)->h);
}

static void push_u64(uint64_t **v, size_t *n, size_t *cap, uint64_t h)
{
	if (*n == *cap)
		*v = xrealloc(*v, (*cap = *cap ? 2 * *cap : 16) * sizeof(**v));
	(*v)[(*n)++] = h;
}

/* Sorts v[0..n) and drops repeats; returns the new count. */
static size_t sort_unique(uint64_t *v, size_t n)
{
	size_t j = 1;

	if (n < 2)
		return n;
	qsort(v, n, sizeof(*v), cmp_u64);
	for (size_t i = 1; i < n; i++)
		if (v[i] != v[j - 1])
			v[j++] = v[i];
	return j;
}

/* Title words that say nothing of a story: "Why the EU fines two firms over their data". */
static int is_title_filler(const char *w, size_t n)
{
	static const char *const filler[] = { "with", "from", "that", "this", "what", "when",
		"where", "which", "after", "over", "into", "about", "more", "than", "your", "their",
		"will", "have", "says", "said", "could", "would", "here", "there", "they", "them",
		"these", "those", "been", "were", "how", "why", "the", "and", "for", "its" };

	return text_word_in(w, n, filler, ARRAY_SIZE(filler));
}

/*
 * Sorted, distinct hashes of a title's lowercased Latin words of 2+ letters
 * and Han bigrams; with content_only, only words of 4+ letters that are not
 * filler, words with digits, and Han bigrams: what names the story.
 */
static size_t title_tokens(const char *s, int content_only, uint64_t **out)
{
	const char *p = s, *end = s + strlen(s), *prev_at = NULL;
	uint32_t prev = 0;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;
	int digits = 0;
	struct buf w;

	buf_init(&w, 256);
	while (p <= end) {
		const char *at = p;
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;

		if (cp && cp < 0x80 && isalnum((int)cp)) {
			buf_addch(&w, (char)tolower((int)cp));
			digits |= isdigit((int)cp) != 0;
		} else {
			if (w.len >= 2 && (!content_only || (w.len >= 4 && !is_title_filler(w.data, w.len)) || digits))
				push_u64(&v, &n, &cap, hash_fnv1a(w.data, w.len));
			buf_reset(&w);
			digits = 0;
		}
		if (text_is_han(cp) && text_is_han(prev))
			push_u64(&v, &n, &cap, hash_fnv1a(prev_at, (size_t)(p - prev_at)));
		prev = cp;
		prev_at = at;
		if (!cp)
			break;
	}
	buf_release(&w);
	*out = v;
	return sort_unique(v, n);
}

/* Sorted hashes of the anchors a title names. */
static size_t title_anchors(const char *s, uint64_t **out)
{
	json_t *set = anchor_title(s), *a;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0, i;

	json_array_foreach(set, i, a)
		push_u64(&v, &n, &cap, hash_fnv1a(json_string_value(a), strlen(json_string_value(a))));
	json_decref(set);
	*out = v;
	return sort_unique(v, n);
}

static size_t common_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, c = 0;

	while (i < na && j < nb) {
		if (a[i] == b[j])
			c++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return c;
}

static double jaccard_u64(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t c = common_u64(a, na, b, nb), u = na + nb - c;

	return u ? (double)c / (double)u : 0.0;
}

double story_title_similarity(const char *a, const char *b)
{
	uint64_t *ta, *tb;
	size_t na = title_tokens(a, 0, &ta), nb = title_tokens(b, 0, &tb);
	double sim = jaccard_u64(ta, na, tb, nb);

	free(ta);
	free(tb);
	return sim;
}

void story_site(const char *url, const char *source, char *out, size_t size)
{
	char *host = url ? url_host(url) : NULL;

	if (host)
		snprintf(out, size, "%s", strncmp(host, "www.", 4) ? host : host + 4);
	else
		snprintf(out, size, "source:%s", source ? source : "");
	free(host);
}

static void site_of(const struct story_doc *d, char *out, size_t size)
{
	story_site(d->url, d->source, out, size);
}

static void prepare(const struct story_doc *d, struct prepared *p)
{
	size_t i;
	json_t *v;
	char *end;

	memset(p, 0, sizeof(*p));
	p->a = xcalloc(json_array_size(d->anchors) + 1, sizeof(*p->a));
	json_array_foreach(d->anchors, i, v)
	{
		const char *s = json_string_value(v);

		if (!s || !*s)
			continue;
		p->a[p->n].h = hash_fnv1a(s, strlen(s));
		p->a[p->n].kind = anchor_kind(s);
		p->comparable += p->a[p->n].kind != ANCHOR_TERM;
		p->n++;
	}
	qsort(p->a, p->n, sizeof(*p->a), cmp_anchor);
	p->ntitle = title_tokens(d->title ? d->title : "", 0, &p->title);
	p->ntitle_content = title_tokens(d->title ? d->title : "", 1, &p->title_content);
	p->ntitle_anchors = title_anchors(d->title ? d->title : "", &p->title_anchors);
	if (d->simhash && strlen(d->simhash) == 16) {
		p->simhash = strtoull(d->simhash, &end, 16);
		p->has_simhash = !*end;
	}
	p->doubtful = d->confidence < STORY_MIN_CONFIDENCE;
	site_of(d, p->site, sizeof(p->site));
	p->lang = d->lang && *d->lang && strcmp(d->lang, "und") ? d->lang : NULL;
}

static void prepared_release(struct prepared *p)
{
	free(p->a);
	free(p->title);
	free(p->title_content);
	free(p->title_anchors);
}

struct shared {
	size_t n, names, numbers, strong; /* strong: figures that are neither small nor round */
	double figures; /* a common figure counts half */
};

static void count_shared(const struct prepared *a, const struct prepared *b, struct shared *s)
{
	size_t i = 0, j = 0;

	memset(s, 0, sizeof(*s));
	while (i < a->n && j < b->n) {
		if (a->a[i].h < b->a[j].h) {
			i++;
		} else if (a->a[i].h > b->a[j].h) {
			j++;
		} else {
			if (!a->a[i].boilerplate && !b->a[j].boilerplate) {
				s->n++;
				s->names += a->a[i].kind == ANCHOR_NAME;
				s->numbers += a->a[i].kind == ANCHOR_FIGURE || a->a[i].kind == ANCHOR_COMMON;
				s->strong += a->a[i].kind == ANCHOR_FIGURE;
				s->figures += a->a[i].kind == ANCHOR_FIGURE ? 1.0 : a->a[i].kind == ANCHOR_COMMON ? 0.5 : 0;
			}
			i++, j++;
		}
	}
}

/* Anchors of a that are evidence: not its site's boilerplate; only what survives translation. */
static size_t evidence(const struct prepared *a, int comparable_only)
{
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++)
		n += !a->a[i].boilerplate && (!comparable_only || a->a[i].kind != ANCHOR_TERM);
	return n;
}

/*
 * How strongly a and b are one story: 0 when they are not, else a score
 * that orders the merges: near-copies first, then anchors, then titles,
 * then translations.
 */
static double same_score(const struct prepared *a, const struct prepared *b)
{
	int same_site, same_lang, bits;
	struct shared s;
	size_t ea, eb, smaller;
	double weight;

	if (a->doubtful || b->doubtful)
		return 0;
	/* One site's two pages with one text under different titles are its template. */
	bits = a->has_simhash && b->has_simhash ? __builtin_popcountll(a->simhash ^ b->simhash) : 64;
	same_site = !strcmp(a->site, b->site);
	if (bits <= STORY_NEAR_COPY_BITS &&
		(!same_site || jaccard_u64(a->title, a->ntitle, b->title, b->ntitle) >= 0.5))
		return 3.0;
	/* Otherwise one site's articles share its template and running topics, not a story. */
	if (same_site)
		return 0;
	same_lang = !a->lang || !b->lang || !strcmp(a->lang, b->lang);
	/*
	 * Beyond exact copies, the titles must have a word of the story in common:
	 * two sites of one network share their menus, ads and widgets, not their
	 * headlines.
	 */
	if (!common_u64(a->title_content, a->ntitle_content, b->title_content, b->ntitle_content) &&
		!common_u64(a->title_anchors, a->ntitle_anchors, b->title_anchors, b->ntitle_anchors))
		return 0;
	/* A reprint with a changed line or a credit drifts a few more bits. */
	if (bits <= STORY_EDITED_COPY_BITS && same_lang)
		return 2.9;
	count_shared(a, b, &s);
	if (s.n < 2)
		return 0;
	ea = evidence(a, !same_lang);
	eb = evidence(b, !same_lang);
	smaller = ea < eb ? ea : eb;
	/* Figures tell stories apart; names and terms count half as much. */
	weight = s.figures + 0.5 * (double)(s.n - s.numbers);
	if (!same_lang) {
		/* Weakest of all: a story joins its translation only after each language is whole. */
		if (s.n >= 3 && s.names >= 1 && s.strong >= 1 && s.figures >= 1.5 && weight >= 2.5 &&
			2 * s.n >= smaller)
			return 0.5 + 0.5 * (double)s.n / (double)smaller;
		return 0;
	}
	if (s.n >= 3 && s.strong >= 1 && (s.figures >= 2 || weight >= 2.5) && 2 * s.n >= smaller)
		return 2.0 + (double)s.n / (double)smaller;
	/* Close titles that name the same thing, over texts that share a figure. */
	if (s.strong >= 1 &&
		common_u64(a->title_anchors, a->ntitle_anchors, b->title_anchors, b->ntitle_anchors)) {
		double sim = jaccard_u64(a->title, a->ntitle, b->title, b->ntitle);

		if (sim >= 0.5)
			return 1.0 + sim;
	}
	return 0;
}

int story_same(const struct story_doc *a, const struct story_doc *b)
{
	struct prepared pa, pb;
	int same;

	prepare(a, &pa);
	prepare(b, &pb);
	same = same_score(&pa, &pb) > 0;
	prepared_release(&pa);
	prepared_release(&pb);
	return same;
}

struct site_anchor {
	size_t site;
	uint64_t h;
};

static int by_site_anchor(const void *x, const void *y)
{
	const struct site_anchor *a = x, *b = y;

	if (a->site != b->site)
		return a->site < b->site ? -1 : 1;
	return cmp_u64(&a->h, &b->h);
}

static const struct prepared *sort_base;

static int by_site(const void *x, const void *y)
{
	return strcmp(sort_base[*(const size_t *)x].site, sort_base[*(const size_t *)y].site);
}

/*
 * Marks the anchors that most of one site's articles (three or more)
 * carry: its name, its menu, its footer. Each anchor is distinct within an
 * article, so a run of (site, anchor) pairs counts the articles with it.
 */
static void mark_boilerplate(struct prepared *p, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof(*order)), *site = xcalloc(n + 1, sizeof(*site));
	size_t *docs = xcalloc(n + 1, sizeof(*docs)), npairs = 0, nbad = 0;
	struct site_anchor *pairs, *bad;

	for (size_t i = 0; i < n; i++)
		order[i] = i, npairs += p[i].n;
	sort_base = p;
	qsort(order, n, sizeof(*order), by_site);
	for (size_t k = 0; k < n; k++) {
		site[order[k]] = k && !strcmp(p[order[k]].site, p[order[k - 1]].site) ? site[order[k - 1]] : k;
		docs[site[order[k]]]++;
	}
	pairs = xcalloc(npairs + 1, sizeof(*pairs));
	npairs = 0;
	for (size_t i = 0; i < n; i++)
		if (docs[site[i]] >= 3)
			for (size_t k = 0; k < p[i].n; k++)
				pairs[npairs++] = (struct site_anchor){ site[i], p[i].a[k].h };
	qsort(pairs, npairs, sizeof(*pairs), by_site_anchor);
	bad = pairs; /* the runs that qualify are written over the pairs already counted */
	for (size_t k = 0, run; k < npairs; k += run) {
		for (run = 1; k + run < npairs && !by_site_anchor(&pairs[k], &pairs[k + run]); run++)
			;
		if (run >= 3 && 2 * run > docs[pairs[k].site])
			bad[nbad++] = pairs[k];
	}
	for (size_t i = 0; i < n && nbad; i++)
		for (size_t k = 0; k < p[i].n; k++) {
			struct site_anchor key = { site[i], p[i].a[k].h };

			p[i].a[k].boilerplate = bsearch(&key, bad, nbad, sizeof(*bad), by_site_anchor) != NULL;
		}
	free(pairs);
	free(order);
	free(site);
	free(docs);
}

struct edge {
	size_t i, j;
	double score;
};

static int by_strength(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

struct posting {
	uint64_t key;
	size_t doc;
};

static int by_key(const void *x, const void *y)
{
	const struct posting *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

static int by_pair(const void *x, const void *y)
{
	const struct edge *a = x, *b = y;

	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

static void push_posting(struct posting **v, size_t *n, size_t *cap, uint64_t key, size_t doc)
{
	if (*n == *cap)
		*v = xrealloc(*v, (*cap = *cap ? 2 * *cap : 256) * sizeof(**v));
	(*v)[(*n)++] = (struct posting){ key, doc };
}

/* Keys of one kind apart from another's: a title word, a title anchor, a SimHash band. */
#define KEY_ANCHOR 0x9e3779b97f4a7c15ULL
#define KEY_BAND 0xc2b2ae3d27d4eb4fULL
/* A title word in more titles than this is no lead to a story: it only costs pairs. */
#define POSTING_MAX 2000

/*
 * The pairs worth comparing, sorted and distinct, as edges with no score:
 * every pair same_score() can call one story shares a word or an anchor of
 * their titles, or (near-copies) one of seven bands of their SimHashes,
 * since six differing bits leave one band of seven whole. An edition of n
 * articles costs far fewer than n * n / 2 comparisons.
 */
static size_t candidates(const struct prepared *p, size_t n, struct edge **out)
{
	static const int band_bits[7] = { 9, 9, 9, 9, 9, 9, 10 };
	struct posting *post = NULL;
	struct edge *pairs = NULL;
	size_t npost = 0, postcap = 0, npairs = 0, paircap = 0, run, k, j;

	for (size_t d = 0; d < n; d++) {
		int shift = 0;

		for (k = 0; k < p[d].ntitle_content; k++)
			push_posting(&post, &npost, &postcap, p[d].title_content[k], d);
		for (k = 0; k < p[d].ntitle_anchors; k++)
			push_posting(&post, &npost, &postcap, p[d].title_anchors[k] ^ KEY_ANCHOR, d);
		for (int b = 0; b < 7 && p[d].has_simhash; shift += band_bits[b++]) {
			uint64_t band = (p[d].simhash >> shift) & ((1ULL << band_bits[b]) - 1);

			push_posting(&post, &npost, &postcap, (band << 3 | (uint64_t)b) ^ KEY_BAND, d);
		}
	}
	if (npost)
		qsort(post, npost, sizeof(*post), by_key);
	for (k = 0; k < npost; k += run) {
		for (run = 1; k + run < npost && post[k + run].key == post[k].key; run++)
			;
		if (run > POSTING_MAX)
			continue;
		for (size_t a = k; a < k + run; a++)
			for (size_t b = a + 1; b < k + run; b++) {
				if (post[a].doc == post[b].doc)
					continue;
				if (npairs == paircap)
					pairs = xrealloc(pairs, (paircap = paircap ? 2 * paircap : 256) *
									sizeof(*pairs));
				pairs[npairs++] = (struct edge){ post[a].doc, post[b].doc, 0 };
			}
	}
	free(post);
	if (npairs)
		qsort(pairs, npairs, sizeof(*pairs), by_pair);
	for (k = 0, j = 0; k < npairs; k++)
		if (!j || by_pair(&pairs[k], &pairs[j - 1]))
			pairs[j++] = pairs[k];
	*out = pairs;
	return j;
}

static int adjacent(const struct edge *sorted, size_t n, size_t x, size_t y)
{
	struct edge key = { x < y ? x : y, x < y ? y : x, 0 };

	return bsearch(&key, sorted, n, sizeof(*sorted), by_pair) != NULL;
}

size_t story_group(const struct story_doc *docs, size_t n, size_t *story_of)
{
	struct prepared *p = xcalloc(n ? n : 1, sizeof(*p));
	size_t *next = xcalloc(n ? n : 1, sizeof(*next)), nedges = 0, stories = n, npairs;
	struct edge *edges, *by_index;

	for (size_t i = 0; i < n; i++) {
		prepare(&docs[i], &p[i]);
		story_of[i] = i;
		next[i] = SIZE_MAX;
	}
	mark_boilerplate(p, n);
	npairs = candidates(p, n, &edges);
	for (size_t k = 0; k < npairs; k++) {
		double s = same_score(&p[edges[k].i], &p[edges[k].j]);

		if (s > 0)
			edges[nedges++] = (struct edge){ edges[k].i, edges[k].j, s };
	}
	/* The edges sorted by index answer "are these two one story?" */
	by_index = xcalloc(nedges ? nedges : 1, sizeof(*by_index));
	if (nedges)
		memcpy(by_index, edges, nedges * sizeof(*edges));
	if (nedges)
		qsort(edges, nedges, sizeof(*edges), by_strength);
	/* Strongest pairs first; two stories join only when every pair across them is one story. */
	for (size_t e = 0; e < nedges; e++) {
		size_t a = story_of[edges[e].i], b = story_of[edges[e].j], last = a;
		int all = 1;

		if (a == b)
			continue;
		for (size_t x = a; x != SIZE_MAX && all; x = next[x])
			for (size_t y = b; y != SIZE_MAX && all; y = next[y])
				all = adjacent(by_index, nedges, x, y);
		if (!all)
			continue;
		if (b < a) { /* the story is named by its first article */
			size_t t = a;

			a = b, b = t;
		}
		for (last = a; next[last] != SIZE_MAX; last = next[last])
			;
		next[last] = b;
		for (size_t y = b; y != SIZE_MAX; y = next[y])
			story_of[y] = a;
		stories--;
	}
	for (size_t i = 0; i < n; i++)
		prepared_release(&p[i]);
	free(p);
	free(next);
	free(edges);
	free(by_index);
	return stories;
}

double story_anchor_overlap(const json_t *a, const json_t *b, size_t *shared)
{
	struct story_doc da = { .anchors = a, .confidence = 1 }, db = { .anchors = b, .confidence = 1 };
	struct prepared pa, pb;
	struct shared s;
	size_t smaller;

	prepare(&da, &pa);
	prepare(&db, &pb);
	count_shared(&pa, &pb, &s);
	smaller = pa.n < pb.n ? pa.n : pb.n;
	prepared_release(&pa);
	prepared_release(&pb);
	if (shared)
		*shared = s.n;
	return smaller ? (double)s.n / (double)smaller : 0.0;
}

void story_simhash(const char *text, char out[17])
{
	const char *p = text, *end = text + strlen(text);
	uint64_t window[3] = { 0 }, han[3] = { 0 };
	int64_t votes[64] = { 0 };
	size_t nwords = 0, nhan = 0, shingles = 0;
	uint64_t h = 0;
	struct buf w;

	buf_init(&w, 256);
	while (p <= end) {
		uint32_t cp = p < end ? text_utf8_next(&p, end) : 0;
		uint64_t sh = 0;
		int have = 0;

		if (cp && text_is_han(cp)) {
			han[0] = han[1], han[1] = han[2], han[2] = cp;
			if (++nhan >= 3)
				sh = hash_fnv1a(han, sizeof(han)), have = 1;
		} else if (cp && cp < 0x80 && isalnum((int)cp)) {
			buf_addch(&w, (char)tolower((int)cp));
		} else if (w.len) {
			window[0] = window[1], window[1] = window[2];
			window[2] = hash_fnv1a(w.data, w.len);
			buf_reset(&w);
			if (++nwords >= 3)
				sh = hash_fnv1a(window, sizeof(window)), have = 1;
		}
		if (have) {
			shingles++;
			for (int b = 0; b < 64; b++)
				votes[b] += (sh >> b) & 1 ? 1 : -1;
		}
		if (!cp)
			break;
	}
	buf_release(&w);
	if (shingles < STORY_MIN_SHINGLES) {
		out[0] = '\0';
		return;
	}
	for (int b = 0; b < 64; b++)
		if (votes[b] > 0)
			h |= 1ULL << b;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int story_simhash_distance(const char *a, const char *b)
{
	unsigned long long x, y;
	char *end;

	if (!a || !b || strlen(a) != 16 || strlen(b) != 16)
		return 64;
	x = strtoull(a, &end, 16);
	if (*end)
		return 64;
	y = strtoull(b, &end, 16);
	if (*end)
		return 64;
	return __builtin_popcountll(x ^ y);
}
