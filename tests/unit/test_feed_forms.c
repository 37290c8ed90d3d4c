#include "unit.h"

#include <time.h>

#include "buf.h"
#include "common.h"
#include "feed.h"

/*
 * One row per form a feed can take: a document of our own writing, an
 * entry, a field and what it must read ("=NULL" for no value). Entries
 * are counted with the field "n".
 */
#define RSS(items) "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>" \
		   "<link>http://x.example/</link>" items "</channel></rss>"
#define ATOM(entries) "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">" \
		      "<title>T</title>" entries "</feed>"

static const struct form {
	const char *name, *doc;
	int entry;
	const char *field, *want;
} forms[] = {
	/* entries without a link are kept (issue 15) */
	{ "title alone", RSS("<item><title>Flash: rates held</title></item>"), 0, "title",
		"Flash: rates held" },
	{ "title alone has no link", RSS("<item><title>Flash</title></item>"), 0, "link", "=NULL" },
	{ "guid that is no permalink, and a description",
		RSS("<item><guid isPermaLink=\"false\">flash-1042</guid><description>Rates held."
		    "</description></item>"), 0, "id", "flash-1042" },
	{ "a guid that is no permalink is no link",
		RSS("<item><guid isPermaLink=\"false\">http://x.example/1</guid>"
		    "<description>d</description></item>"), 0, "link", "=NULL" },
	{ "a permalink guid is the link",
		RSS("<item><guid>http://x.example/a/1</guid></item>"), 0, "link", "http://x.example/a/1" },
	{ "description alone", RSS("<item><description>Only words.</description></item>"), 0,
		"summary", "Only words." },
	{ "enclosure alone", RSS("<item><title>Ep. 3</title><enclosure url=\"http://x.example/3.mp3\" "
				 "type=\"audio/mpeg\" length=\"1\"/></item>"), 0, "link", "=NULL" },
	{ "atom entry with an id and no link",
		ATOM("<entry><id>urn:uuid:5e0c</id><title>Brief</title></entry>"), 0, "id",
		"urn:uuid:5e0c" },
	{ "atom entry whose only links are not alternates",
		ATOM("<entry><id>tag:x.example,2026:7</id><link rel=\"edit\" href=\"http://x.example/e/7\"/>"
		     "<link rel=\"self\" href=\"http://x.example/s/7\"/><title>Seven</title></entry>"), 0,
		"link", "=NULL" },
	{ "no entry is lost among linkless ones",
		RSS("<item><title>a</title></item><item><title>b</title><link>http://x.example/b</link>"
		    "</item><item><description>c</description></item>"), 0, "n", "3" },
	/* broken markup recovered as browsers and feedparser do (issue 14, item 2) */
	{ "a bare & in a link is text",
		RSS("<item><title>q</title><link>http://x.example/?a=1&b=2</link></item>"), 0, "link",
		"http://x.example/?a=1&b=2" },
	{ "a bare & in a title is text", RSS("<item><title>Tom & Jerry</title></item>"), 0, "title",
		"Tom & Jerry" },
	{ "an unknown entity name is text", RSS("<item><title>A &bogus; B</title></item>"), 0, "title",
		"A &bogus; B" },
	{ "a bare & in an attribute is text",
		ATOM("<entry><title>t</title><link href=\"http://x.example/?a=1&b=2\"/></entry>"), 0,
		"link", "http://x.example/?a=1&b=2" },
	{ "an unclosed <b> in a title loses no entry",
		RSS("<item><title>One</title></item><item><title>Big <b>news</title>"
		    "<link>http://x.example/2</link></item><item><title>Three</title></item>"), 0, "n",
		"3" },
	{ "an unclosed <b> in a title keeps the title",
		RSS("<item><title>One</title></item><item><title>Big <b>news</title></item>"), 1, "title",
		"Big news" },
	{ "an unclosed <b> keeps the entries after it",
		RSS("<item><title>Big <b>news</title></item><item><title>Next</title></item>"), 1, "title",
		"Next" },
	{ "a title left open ends where the link starts",
		RSS("<item><title>Open<link>http://x.example/o</link></item>"), 0, "link",
		"http://x.example/o" },
	{ "an item left open ends where the next starts",
		RSS("<item><title>First</title><item><title>Second</title></item>"), 1, "title", "Second" },
	{ "an item of another vocabulary is no entry",
		RSS("<item xmlns:g=\"urn:x:goods\"><title>A</title><g:item>gift</g:item>"
		    "<link>http://x.example/a</link></item>"), 0, "link", "http://x.example/a" },
	{ "a conditional comment is text",
		RSS("<item><title>t</title><description><![if !IE]>old browsers<![endif]></description>"
		    "</item><item><title>next</title></item>"), 1, "title", "next" },
	{ "a < that starts no tag is text", RSS("<item><title>1 < 2 and 3 <4</title></item>"), 0,
		"title", "1 < 2 and 3 <4" },
	{ "&#150; means what browsers make of it", RSS("<item><title>a &#150; b</title></item>"), 0,
		"title", "a \xe2\x80\x93 b" },
	{ "control characters XML forbids are left out",
		RSS("<item><title>bell\x07 and\x1b escape</title></item>"), 0, "title", "bell and escape" },
	{ "unquoted and bare attributes",
		ATOM("<entry><title>t</title><link rel=alternate href=http://x.example/u hidden></entry>"),
		0, "link", "http://x.example/u" },
	{ "a warning before the XML declaration",
		"<b>Warning</b>: something failed\n" RSS("<item><title>after</title></item>"), 0, "title",
		"after" },
	/* Atom */
	{ "atom author's name", ATOM("<entry><title>t</title><author><name>Jo Writer</name>"
				     "<email>jo@x.example</email></author></entry>"), 0, "author", "Jo Writer" },
	{ "atom author's email when no name",
		ATOM("<entry><title>t</title><author><email>jo@x.example</email></author></entry>"), 0,
		"author", "jo@x.example" },
	{ "rss author as email (Name)",
		RSS("<item><title>t</title><author>jo@x.example (Jo Writer)</author></item>"), 0,
		"author", "Jo Writer" },
	{ "dc:creator before author",
		"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
		"<author>desk@x.example</author><dc:creator>Jo Writer</dc:creator></item></channel></rss>",
		0, "author", "Jo Writer" },
	{ "atom 0.3 escaped content",
		"<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title>t</title>"
		"<content type=\"text/html\" mode=\"escaped\">&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</content>"
		"</entry></feed>", 0, "content", "Hi & bye" },
	{ "atom 0.3 base64 content",
		"<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><title>t</title>"
		"<content type=\"text/plain\" mode=\"base64\">SGVsbG8sIGJhc2U2NA==</content></entry></feed>",
		0, "content", "Hello, base64" },
	{ "atom content and summary kept apart",
		ATOM("<entry><title>t</title><summary>Short.</summary><content type=\"html\">"
		     "&lt;p&gt;Long one.&lt;/p&gt;</content></entry>"), 0, "summary", "Short." },
	{ "atom content and summary kept apart, content",
		ATOM("<entry><title>t</title><summary>Short.</summary><content type=\"html\">"
		     "&lt;p&gt;Long one.&lt;/p&gt;</content></entry>"), 0, "content", "Long one." },
	{ "atom xhtml content as text",
		ATOM("<entry><title>t</title><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		     "<p>One &amp; <b>two</b>.</p><p>Three.</p></div></content></entry>"), 0, "content",
		"One & two.\n\nThree." },
	{ "atom text is text, not markup",
		ATOM("<entry><title type=\"text\">a &lt;b&gt; c</title></entry>"), 0, "title", "a <b> c" },
	{ "atom html title", ATOM("<entry><title type=\"html\">a &lt;b&gt;c&lt;/b&gt;</title></entry>"), 0,
		"title", "a c" },
	{ "xml:base on the feed, the entry and the link",
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://x.example/a/\">"
		"<entry xml:base=\"b/\"><title>t</title><link xml:base=\"c/\" href=\"d.html\"/></entry></feed>",
		0, "link", "http://x.example/a/b/c/d.html" },
	{ "an html alternate beats one in another format before it",
		ATOM("<entry><title>t</title><link rel=\"alternate\" type=\"application/pdf\" "
		     "href=\"http://x.example/a.pdf\"/><link rel=\"alternate\" type=\"text/html\" "
		     "href=\"http://x.example/a.html\"/></entry>"), 0, "link", "http://x.example/a.html" },
	{ "the feed's html alternate beats one in another format before it",
		ATOM("<link rel=\"alternate\" type=\"application/json\" href=\"http://x.example/f.json\"/>"
		     "<link rel=\"alternate\" type=\"text/html\" href=\"http://x.example/\"/>"
		     "<entry><title>t</title></entry>"), -1, "link", "http://x.example/" },
	{ "atom published falls back to updated",
		ATOM("<entry><title>t</title><updated>2026-11-02T08:00:00Z</updated></entry>"), 0,
		"published", "2026-11-02T08:00:00Z" },
	/* RSS */
	{ "content:encoded beside the description",
		"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
		"<item><description>Teaser.</description><content:encoded>&lt;p&gt;Full.&lt;/p&gt;"
		"</content:encoded></item></channel></rss>", 0, "content", "Full." },
	{ "content:encoded without its namespace declared",
		RSS("<item><title>t</title><content:encoded>&lt;p&gt;Full.&lt;/p&gt;</content:encoded></item>"),
		0, "content", "Full." },
	{ "a namespace URI mistyped",
		"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1\"><channel><item>"
		"<dc:creator>Jo</dc:creator></item></channel></rss>", 0, "author", "Jo" },
	{ "dc:date", "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
		     "<dc:date>2026-11-02T08:00:00+01:00</dc:date></item></channel></rss>", 0, "published",
		"2026-11-02T07:00:00Z" },
	{ "pubDate before dc:date",
		"<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
		"<dc:date>2026-11-03T08:00:00Z</dc:date><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate>"
		"</item></channel></rss>", 0, "published", "2026-11-02T08:00:00Z" },
	{ "itunes:summary and itunes:author",
		"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
		"<item><title>Ep</title><itunes:summary>Show notes.</itunes:summary><itunes:author>Host"
		"</itunes:author></item></channel></rss>", 0, "summary", "Show notes." },
	{ "itunes:author",
		"<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
		"<item><title>Ep</title><itunes:author>Host</itunes:author></item></channel></rss>", 0,
		"author", "Host" },
	{ "media:description in a media:group",
		"<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
		"<title>Clip</title><media:group><media:description>What the clip shows.</media:description>"
		"</media:group></item></channel></rss>", 0, "summary", "What the clip shows." },
	{ "media:title does not beat the title",
		"<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><item>"
		"<media:title>Media</media:title><title>Real</title></item></channel></rss>", 0, "title",
		"Real" },
	{ "elements in another letter case",
		RSS("<Item><Title>Cased</Title><LINK>http://x.example/c</LINK><PubDate>Mon, 02 Nov 2026 "
		    "08:00:00 GMT</PubDate></Item>"), 0, "link", "http://x.example/c" },
	{ "elements in another letter case, date",
		RSS("<Item><Title>Cased</Title><PubDate>Mon, 02 Nov 2026 08:00:00 GMT</PubDate></Item>"), 0,
		"published", "2026-11-02T08:00:00Z" },
	{ "RSS in a namespace of its own",
		"<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><item>"
		"<title>Namespaced</title></item></channel></rss>", 0, "title", "Namespaced" },
	{ "RSS 1.0 item named by rdf:about",
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		"xmlns=\"http://purl.org/rss/1.0/\"><channel><title>T</title></channel>"
		"<item rdf:about=\"http://x.example/r/1\"><title>R</title></item></rdf:RDF>", 0, "id",
		"http://x.example/r/1" },
	{ "RSS 0.90", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
		      "xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>T</title></channel>"
		      "<item><title>Old</title><link>http://x.example/o</link></item></rdf:RDF>", 0,
		"title", "Old" },
	{ "a channel link is not atom:link rel=self",
		"<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
		"<atom:link rel=\"self\" href=\"http://x.example/feed.xml\"/><link>http://x.example/</link>"
		"<item><title>t</title></item></channel></rss>", -1, "link", "http://x.example/" },
	/* dates read in the feed's language */
	{ "CST in a Chinese feed",
		"<rss version=\"2.0\"><channel><language>zh-cn</language><item><title>t</title>"
		"<pubDate>Mon, 02 Nov 2026 16:00:00 CST</pubDate></item></channel></rss>", 0, "published",
		"2026-11-02T08:00:00Z" },
	{ "CST in an English feed",
		"<rss version=\"2.0\"><channel><language>en-us</language><item><title>t</title>"
		"<pubDate>Mon, 02 Nov 2026 02:00:00 CST</pubDate></item></channel></rss>", 0, "published",
		"2026-11-02T08:00:00Z" },
	/* JSON Feed */
	{ "json feed with an id alone",
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": 7, "
		"\"content_text\": \"Text only.\"}]}", 0, "id", "7" },
	{ "json feed without a version URL",
		"{\"version\": \"1.0\", \"title\": \"J\", \"items\": [{\"id\": \"a\", \"title\": \"A\"}]}", 0,
		"title", "A" },
};

static const char *field(const struct feed *f, int entry, const char *name, char *n, size_t size)
{
	const struct feed_entry *e;

	if (!strcmp(name, "n")) {
		snprintf(n, size, "%zu", f->n);
		return n;
	}
	if (entry < 0)
		return !strcmp(name, "link") ? f->link : !strcmp(name, "title") ? f->title : NULL;
	if ((size_t)entry >= f->n)
		return "(no such entry)";
	e = &f->entries[entry];
	return !strcmp(name, "title")	    ? e->title
	       : !strcmp(name, "link")	    ? e->link
	       : !strcmp(name, "id")	    ? e->id
	       : !strcmp(name, "summary")   ? e->summary
	       : !strcmp(name, "content")   ? e->content
	       : !strcmp(name, "published") ? e->published
	       : !strcmp(name, "updated")   ? e->updated
	       : !strcmp(name, "author")    ? e->author
					    : "(no such field)";
}

static void every_form(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		struct feed f;
		char err[256], n[32];
		const char *got, *want = forms[i].want;

		if (feed_parse(forms[i].doc, strlen(forms[i].doc), "http://x.example/feed", NULL, &f, err,
			    sizeof(err))) {
			print_error("%s: %s\n", forms[i].name, err);
			failed++;
			feed_release(&f);
			continue;
		}
		got = field(&f, forms[i].entry, forms[i].field, n, sizeof(n));
		if (!strcmp(want, "=NULL") ? got != NULL : !got || strcmp(got, want)) {
			print_error("%s: %s is '%s', want '%s'\n", forms[i].name, forms[i].field,
				got ? got : "(null)", want);
			failed++;
		}
		feed_release(&f);
	}
	assert_int_equal(failed, 0);
}

/* Bare ampersands are mended and counted; mending is no warning. */
static void what_was_mended_is_counted(void **state)
{
	static const char doc[] = RSS("<item><title>Tom & Jerry</title><link>http://x.example/?a=1&b=2"
				      "</link></item>");
	struct feed f;
	char err[256], line[256];

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), "http://x.example/", NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f.report.ampersands, 2);
	assert_int_equal(feed_report_describe(&f.report, line, sizeof(line)), 0);
	assert_string_equal(line, "2 bare & read as text");
	feed_release(&f);
}

/* Past libxml2's 256 levels nothing is lost: the deep tags go, their text and what follows stay. */
static void deep_nesting_keeps_every_entry(void **state)
{
	struct buf doc;
	struct feed f;
	char err[256], line[256];

	(void)state;
	buf_init(&doc, 1 << 20);
	buf_addstr(&doc, "<rss version=\"2.0\"><channel><item><title>deep</title><description>");
	for (int i = 0; i < 400; i++)
		buf_addstr(&doc, "<div>");
	buf_addstr(&doc, "bottom");
	for (int i = 0; i < 400; i++)
		buf_addstr(&doc, "</div>");
	buf_addstr(&doc, "</description></item><item><title>after</title></item></channel></rss>");
	assert_int_equal(feed_parse(doc.data, doc.len, "http://x.example/", NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.entries[0].summary, "bottom");
	assert_string_equal(f.entries[1].title, "after");
	assert_true(f.report.flattened > 0);
	assert_int_equal(f.report.lost, 0);
	assert_int_equal(feed_report_describe(&f.report, line, sizeof(line)), 0);
	feed_release(&f);
	buf_release(&doc);
}

/*
 * An end tag closes what was left open inside it however deep: 600 <p>
 * left open in a description once swallowed the entry's link and date.
 */
static void an_end_tag_closes_what_was_left_open_however_deep(void **state)
{
	struct buf doc;
	struct feed f;
	char err[256];

	(void)state;
	buf_init(&doc, 1 << 20);
	buf_addstr(&doc, "<rss version=\"2.0\"><channel><item><title>one</title><description>");
	for (int i = 0; i < 600; i++)
		buf_addstr(&doc, "<p>para ");
	buf_addstr(&doc, "</description><link>http://x.example/1</link>"
			 "<pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate></item>"
			 "<item><title>two</title></item></channel></rss>");
	assert_int_equal(feed_parse(doc.data, doc.len, "http://x.example/", NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.entries[0].title, "one");
	assert_non_null(f.entries[0].link);
	assert_string_equal(f.entries[0].link, "http://x.example/1");
	assert_string_equal(f.entries[0].published, "2026-11-02T08:00:00Z");
	assert_string_equal(f.entries[1].title, "two");
	feed_release(&f);
	buf_release(&doc);
}

/* What cannot be read is said: entries after the root, a date in no known form. */
static void what_is_left_out_is_said(void **state)
{
	static const char doc[] = "<rss version=\"2.0\"><channel><item><title>in</title>"
				  "<pubDate>the day after tomorrow</pubDate></item></channel></rss>"
				  "<item><title>outside</title></item>";
	struct feed f;
	char err[256], line[256];

	(void)state;
	assert_int_equal(feed_parse(doc, strlen(doc), "http://x.example/", NULL, &f, err, sizeof(err)), 0);
	assert_int_equal(f.n, 1);
	assert_null(f.entries[0].published);
	assert_int_equal(f.report.lost, 1);
	assert_int_equal(f.report.bad_dates, 1);
	assert_int_equal(feed_report_describe(&f.report, line, sizeof(line)), 1);
	assert_non_null(strstr(line, "1 entry too broken to read"));
	assert_non_null(strstr(line, "'the day after tomorrow'"));
	feed_release(&f);
}

/*
 * Comments, CDATA sections, processing instructions and document types
 * that never end cost one search each, not one per "<!--": 100,000 of them
 * once took minutes (a feed that hangs the fetcher).
 */
static void unended_markup_is_read_in_linear_time(void **state)
{
	static const char *const opens[] = { "<!--", "<![CDATA[", "<?x ", "<![" };
	struct timespec t0, t1;
	struct buf doc;
	struct feed f;
	char err[256];

	(void)state;
	for (size_t k = 0; k < sizeof(opens) / sizeof(*opens); k++) {
		buf_init(&doc, 8 << 20);
		if (k == 3) /* before the root, where a document type may be */
			for (int i = 0; i < 100000; i++)
				buf_addstr(&doc, opens[k]);
		buf_addstr(&doc, "<rss version=\"2.0\"><channel><item><title>a</title></item>");
		if (k < 3)
			for (int i = 0; i < 100000; i++)
				buf_addstr(&doc, opens[k]);
		buf_addstr(&doc, "<item><title>b</title></item></channel></rss>");
		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(feed_parse(doc.data, doc.len, "http://x.example/", NULL, &f, err,
					 sizeof(err)), 0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (t1.tv_sec - t0.tv_sec > 3)
			fail_msg("%s x 100000: %lds", opens[k], (long)(t1.tv_sec - t0.tv_sec));
		assert_int_equal(f.n, 2);
		feed_release(&f);
		buf_release(&doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_form),
		cmocka_unit_test(what_was_mended_is_counted),
		cmocka_unit_test(deep_nesting_keeps_every_entry),
		cmocka_unit_test(what_is_left_out_is_said),
		cmocka_unit_test(an_end_tag_closes_what_was_left_open_however_deep),
		cmocka_unit_test(unended_markup_is_read_in_linear_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
