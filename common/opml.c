#include "opml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "common.h"

long opml_read(const char *path, struct opml_feed **feeds)
{
	xmlDocPtr doc = xmlReadFile(path, NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	struct opml_feed *v = NULL;
	size_t n = 0;

	if (!doc)
		return -1;
	for (xmlNodePtr node = xmlDocGetRootElement(doc); node;) {
		xmlChar *url = node->type == XML_ELEMENT_NODE &&
					       !strcmp((const char *)node->name, "outline")
				       ? xmlGetProp(node, (const xmlChar *)"xmlUrl")
				       : NULL;

		if (url) {
			xmlChar *title = xmlGetProp(node, (const xmlChar *)"title");

			if (!title)
				title = xmlGetProp(node, (const xmlChar *)"text");
			v = xrealloc(v, (n + 1) * sizeof(*v));
			v[n].title = xstrdup(title && *title ? (const char *)title : (const char *)url);
			v[n].url = xstrdup((const char *)url);
			n++;
			xmlFree(title);
			xmlFree(url);
		}
		/* depth first through the outline tree */
		if (node->children) {
			node = node->children;
		} else {
			while (node && !node->next)
				node = node->parent;
			node = node ? node->next : NULL;
		}
	}
	xmlFreeDoc(doc);
	*feeds = v;
	return (long)n;
}

void opml_feeds_free(struct opml_feed *feeds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(feeds[i].title);
		free(feeds[i].url);
	}
	free(feeds);
}
