#include "emoji.h"

#include <ctype.h>
#include <string.h>

#include "common.h"

static const struct config_map rule_options[] = {
	{ "emoji", CONFIG_MAP_STR, 1, NULL, offsetof(struct emoji_rule, emoji),
		"the emoji, at most 16 bytes" },
	{ "words", CONFIG_MAP_LIST, 1, NULL, offsetof(struct emoji_rule, words),
		"words that earn a headline the emoji" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

int emoji_rules_load(const struct config_sections *sections, struct emoji_rules *out,
	char *errstr, size_t errsize)
{
	out->v = xcalloc(sections->n ? sections->n : 1, sizeof(*out->v));
	out->n = 0;
	for (size_t i = 0; i < sections->n; i++) {
		struct emoji_rule *r = &out->v[out->n++];

		if (config_map_apply(rule_options, &sections->v[i], "summarizer.emoji entry", r,
			    errstr, errsize))
			return -1;
		if (strlen(r->emoji) > 16) {
			snprintf(errstr, errsize, "%s: summarizer.emoji entry: '%s' is not one emoji",
				sections->v[i].origin, r->emoji);
			return -1;
		}
	}
	return 0;
}

void emoji_rules_release(struct emoji_rules *r)
{
	for (size_t i = 0; i < r->n; i++)
		config_map_release(rule_options, &r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/*
 * An ASCII keyword must start a word ("law" in "lawsuit", not in "claw");
 * a CJK keyword may sit anywhere, as Chinese has no spaces.
 */
static int has_word(const char *hay, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = hay; (p = strcasestr(p, word)); p++) {
		if ((unsigned char)word[0] >= 0x80)
			return 1;
		if (p == hay || !isalnum((unsigned char)p[-1]))
			return n > 2 || !isalnum((unsigned char)p[n]);
	}
	return 0;
}

static const char *const builtin_words[][8] = {
	{ "robot", "机器人", "humanoid", "人形", NULL },
	{ "chip", "GPU", "芯片", "semiconductor", "半导体", "算力", NULL },
	{ "funding", "raises", "融资", "invest", "投资", "valuation", "估值", NULL },
	{ "stock", "shares", "股价", "股票", "revenue", "营收", "earnings", NULL },
	{ "regulat", "law", "监管", "法规", "court", "lawsuit", "诉讼", NULL },
	{ "security", "安全", "privacy", "隐私", "breach", "漏洞", NULL },
	{ "research", "paper", "研究", "论文", "benchmark", "实验", NULL },
	{ "launch", "release", "发布", "推出", "上线", "unveil", NULL },
	{ "model", "模型", "LLM", "GPT", "AI", "人工智能", NULL },
};
static const char *const builtin_emoji[] = {
	"\xf0\x9f\xa4\x96", "\xf0\x9f\x92\xbe", "\xf0\x9f\x92\xb0", "\xf0\x9f\x93\x88",
	"\xe2\x9a\x96\xef\xb8\x8f", "\xf0\x9f\x94\x92", "\xf0\x9f\x94\xac", "\xf0\x9f\x9a\x80",
	"\xf0\x9f\xa7\xa0",
};

static const char *emoji_in(const struct emoji_rules *rules, const char *hay)
{
	if (!rules || !rules->n) {
		for (size_t i = 0; i < ARRAY_SIZE(builtin_emoji); i++)
			for (size_t w = 0; builtin_words[i][w]; w++)
				if (has_word(hay, builtin_words[i][w]))
					return builtin_emoji[i];
		return NULL;
	}
	for (size_t i = 0; i < rules->n; i++)
		for (size_t w = 0; w < rules->v[i].words.n; w++)
			if (has_word(hay, rules->v[i].words.v[w]))
				return rules->v[i].emoji;
	return NULL;
}

const char *emoji_pick(const struct emoji_rules *rules, const char *headline, const char *text)
{
	const char *e = headline ? emoji_in(rules, headline) : NULL;

	if (!e && text)
		e = emoji_in(rules, text);
	return e ? e : "\xf0\x9f\x93\xb0"; /* newspaper */
}
