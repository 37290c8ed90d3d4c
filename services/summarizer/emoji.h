#ifndef PRECIS_EMOJI_H
#define PRECIS_EMOJI_H

#include <stddef.h>

#include "config.h"

/*
 * The emoji a headline gets: the rule with most of its words in the
 * headline, each worth three in the article's lead, ties to the earlier
 * rule; without one in the headline, a rule needs two words in the lead;
 * none: a newspaper. Words match at the start of a word ("robot" in
 * "robots"; a Latin word of one or two letters must end there too; Han text
 * has no word boundaries), case-insensitively. The built-in rules cover
 * health, security, policy, funding, deals, markets, work, robots, chips,
 * energy, cloud, research, people, models, environment, sport, culture and
 * launches in English and Chinese; summarizer.emoji in the configuration
 * replaces them.
 */
struct emoji_rule {
	char *emoji;
	struct strlist words;
};

struct emoji_rules {
	struct emoji_rule *v;
	size_t n; /* 0: the built-in rules */
};

/*
 * The rules of summarizer.emoji (sections), each {emoji: ONE_EMOJI, words:
 * [WORD, ...]}; none configured gives the built-in rules. Returns 0, or -1
 * with errstr naming the line. Either way the caller releases *out with
 * emoji_rules_release().
 */
int emoji_rules_load(const struct config_sections *sections, struct emoji_rules *out,
	char *errstr, size_t errsize);
void emoji_rules_release(struct emoji_rules *r);

/* The emoji for headline and text (either may be NULL); rules NULL: the built-in ones. */
const char *emoji_pick(const struct emoji_rules *rules, const char *headline, const char *text);

#endif
