#ifndef PRECIS_SITENAME_H
#define PRECIS_SITENAME_H

#include <stddef.h>

/*
 * Whether a part of a title is the name of the site that carries it, on
 * the page's own evidence: the site's name (og:site_name or a feed's
 * title), its host ("The Verge" on www.theverge.com) and the host's
 * registered domain ("SBS World News Australia" on news.sbs.com.au).
 * Names are compared squashed (sitename_squash()). common/title.c cuts
 * the parts these say are the site's.
 */

/* The evidence of one page; on the stack, filled by sitename_init(). */
struct sitename {
	char site[256]; /* squashed site name, "" when unknown */
	char host[256]; /* squashed host name */
	char domain[64]; /* the host's registered name: "iol" in "breakingnews.iol.ie" */
};

/* Fills ev from the site's name and the page's host; either may be NULL. */
void sitename_init(struct sitename *ev, const char *site_name, const char *host);

/*
 * What a name reduces to for comparing, in out (size bytes, always
 * terminated): ASCII letters and digits lowercased, every other byte of
 * UTF-8 kept, the rest dropped ("The Verge" and "theverge" are one name).
 */
void sitename_squash(const char *s, size_t len, char *out, size_t size);

/*
 * 1 if part (len bytes) names the site: it holds the site's name (one of
 * under four characters as a word of its own: "FT" is no "after") or the
 * host's, the host's holds it, it opens with the domain's name, or its
 * words spell the host by initials and whole words ("San Bernardino
 * County Sun" on sbsun.com, "Chambersburg Public Opinion" on
 * publicopiniononline.com).
 */
int sitename_in(const struct sitename *ev, const char *part, size_t len);

/*
 * 1 if part is the site's name and no more: the site's, the host's or the
 * domain's name, with nothing left but "the", "online", "news", "media"
 * or a top level domain ("The Hindu", "KalingaTimes.com", "Online News @
 * TheCheers"). "Redfin's 2026 Predictions" on redfin.com names more.
 */
int sitename_is(const struct sitename *ev, const char *part, size_t len);

#endif
