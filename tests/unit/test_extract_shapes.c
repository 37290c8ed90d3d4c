#include "unit.h"

#include "buf.h"
#include "extract.h"
#include "common.h"

/*
 * Shapes of real pages that once cost the article (issue #11), each
 * written here in a few lines of our own: what the page is built like,
 * what of it is the article and what is not.
 */

static void extract_bytes(const char *html, size_t len, struct extract_result *r)
{
	char err[256];

	assert_int_equal(extract_html(html, len, NULL, "https://news.example/a", r, err,
				 sizeof(err)), 0);
}

/* kept and gone: up to SHAPE_MAX strings each, NULL after the last when fewer */
#define SHAPE_MAX 4

static void expect(const char *kind, const struct extract_result *r,
	const char *const kept[SHAPE_MAX], const char *const gone[SHAPE_MAX])
{
	for (size_t i = 0; kept && i < SHAPE_MAX && kept[i]; i++)
		if (!strstr(r->text.data, kept[i]))
			fail_msg("%s: '%s' lost from '%s'", kind, kept[i], r->text.data);
	for (size_t i = 0; gone && i < SHAPE_MAX && gone[i]; i++)
		if (strstr(r->text.data, gone[i]))
			fail_msg("%s: '%s' kept in '%s'", kind, gone[i], r->text.data);
}

/* A stray NUL byte (padding after a banner) ended libxml2's document there. */
static void nul_bytes_end_nothing(void **state)
{
	static const char page[] =
		"<html><body><div class=\"banner\"><img src=\"b.gif\">\0\0</div><article><p>The "
		"ferry to the island runs twice a day from April to October.</p><p>Tickets cost "
		"less when they are bought at the harbour office, not on board.</p><p>In winter a "
		"smaller boat takes the mail and a few passengers across.</p>"
		"</article></body></html>";
	static const char *const kept[SHAPE_MAX] = { "twice a day", "harbour office",
		"smaller boat" };
	struct extract_result r;

	(void)state;
	extract_bytes(page, sizeof(page) - 1, &r);
	expect("NUL bytes", &r, kept, NULL);
	extract_release(&r);
}

/* An article for the shapes below to hide. */
#define BRIDGE_STORY \
	"<div class=\"story\"><h1>The new bridge opens</h1><p>The footbridge over the river " \
	"opened on Saturday, three years after the old one was washed away in the spring " \
	"floods.</p><p>It links the market square with the park on the far bank, and the " \
	"council expects two thousand people to cross it every day.</p><p>The architects " \
	"chose timber and steel, so that the bridge would weather to the colour of the old " \
	"warehouses along the quay.</p></div>"

/*
 * The body of an article in a template's boxes (section, box, column,
 * wrapper), a byline beside it, after first (the paragraphs before).
 */
#define SPLIT_BODY(first) \
	"<section class=\"row main\"><div class=\"box\"><div class=\"col\"><div " \
	"class=\"by\">By <a href=\"/jr\">Jane Roe</a></div><div class=\"wrap\"><div " \
	"class=\"story-text\">" first "<p>It links the market square with the park on the far " \
	"bank, and the council expects two thousand people to cross it every day, most of " \
	"them on their way to work.</p><p>The architects chose timber and steel, so that the " \
	"bridge would weather to the colour of the old warehouses along the quay, and the " \
	"railings were made low enough for children to see the water.</p><p>Building it " \
	"cost four million, two thirds of it paid by the region, and took eighteen months, " \
	"longer than planned because of a wet winter.</p><p>The old bridge, which stood for " \
	"ninety years, is remembered by a plaque on the first pillar, unveiled by the oldest " \
	"woman in the town.</p></div></div></div></div></section>"

/* A list of ten linked headlines: a box of more stories, a blogroll. */
#define HARBOUR_LINKS \
	"<li><a href=\"/1\">The lighthouse keeper who kept a diary for forty years</a></li>" \
	"<li><a href=\"/2\">Why the island's school has only nine pupils this year</a></li>" \
	"<li><a href=\"/3\">A guide to the coastal path, from the harbour to the cliffs</a></li>" \
	"<li><a href=\"/4\">The fishermen who still mend their own nets by hand</a></li>" \
	"<li><a href=\"/5\">Photos: the storm that closed the harbour for a week</a></li>" \
	"<li><a href=\"/6\">The baker who rows across with bread every morning</a></li>" \
	"<li><a href=\"/7\">How the island's ferry timetable is decided each spring</a></li>" \
	"<li><a href=\"/8\">Letters: readers remember the old wooden pier</a></li>" \
	"<li><a href=\"/9\">The birds that nest on the cliffs, counted by volunteers</a></li>" \
	"<li><a href=\"/10\">What the new breakwater will cost, and who will pay</a></li>"

/* A line of a page of links: the linked name, then what is behind it. */
#define LINK_ROW(name, line) "<a href=\"/l\"><b>" name "</b></a><br>" line "<hr>"
/* Tables of links built alike, two columns each, with no class to tell them apart. */
#define LINK_TABLE(left, right) \
	"<table border=\"2\" width=\"100%\"><tr><td width=\"50%\">" left "</td><td " \
	"width=\"50%\">" right "</td></tr></table>"
#define CLUBS(news, club) \
	LINK_ROW(news, "Tides, sailings, notices, weather, moorings, boat sales, letters") \
	LINK_ROW(club, "Races, results, photos, members, history, dinners, boats") \
	LINK_ROW("COAST WALKS", "Maps, routes, photos, tea rooms, stiles, paths, tides") \
	LINK_ROW("LIFEBOAT", "Launches, crews, training, fund days, open days, history")
#define STORIES(count) \
	LINK_ROW("ISLAND FERRY", "Timetables for the summer and winter sailings to the island") \
	LINK_ROW("OLD PIER", "The story of the wooden pier that stood for ninety years") \
	LINK_ROW(count, "Volunteers who count the birds that nest on the cliffs")
#define TRADES(menders) \
	LINK_ROW(menders, "The fishermen who still mend their own nets by hand") \
	LINK_ROW("BAKER'S BOAT", "The baker who rows across with bread every morning") \
	LINK_ROW("BREAKWATER", "What the new breakwater will cost and who will pay")

/* A teaser in a list, built as SPLIT_BODY()'s box is. */
#define TEASER(text) "<div class=\"wrap\"><div class=\"story-text\"><p>" text "</p></div></div>"

/* A post of a blog that shows several, its box named with its writer. */
#define BLOG_POST(writer, what) \
	"<div class=\"day\"><h3>Monday</h3><h4><a href=\"/p\">News</a></h4><div " \
	"class=\"blog_entry blog_entry_author_" writer "\"><div class=\"blog_entry_body\">" \
	"This week brought " what ", which readers of the project had asked about for a " \
	"long time in the forum.<br><br>The details are in the notes that came with it, and " \
	"more will follow once the team has met and talked it over.</div><div class=\"footer\">Posted by <a " \
	"href=\"/a\">" writer "</a> | <a href=\"/c\">Comments (0)</a></div></div></div>"

/* Each shape: a page, what of it must come out and what must not. */
static const struct shape {
	const char *kind, *html;
	const char *kept[SHAPE_MAX], *gone[SHAPE_MAX];
} shapes[] = {
	{ "anchors left open around the article's sections",
		"<html><body><table><tr><td><a href=\"/\">Home</a><br><a href=\"/f\">Forum</a>"
		"</td><td><a name=\"plant\"><h2>Planting</h2><p>Garlic goes in the ground in "
		"autumn, a few weeks before the first frost.</p><p>Each clove becomes a bulb by "
		"midsummer, if the soil drains well.</p><a name=\"care\"><h2>Care</h2><p>Cut the "
		"flower stalks in June, so the plant puts its strength into the bulb.</p><p>Water "
		"only in dry spells, and stop a month before the harvest.</p><a name=\"store\">"
		"<h2>Storing</h2><p>Dry the bulbs in the shade for two weeks, then keep them cool "
		"and dark.</p><p>Braided garlic hangs in a kitchen for months without "
		"sprouting.</p></td></tr></table></body></html>",
		{ "first frost", "flower stalks", "Braided garlic" }, { "Forum" } },
	{ "an article written as lines with breaks, beside a box of paragraphs",
		"<html><body><div id=\"main\"><h2>Our trip north</h2><div class=\"photo\"><img "
		"src=\"a.jpg\"></div>We left the city early on Saturday, with the car full of "
		"tents, boots and food for a week.<br><br>The road climbed for hours through pine "
		"forest, and by noon we could see snow on the peaks.<br><br>At the lake we found "
		"the campsite empty, so we pitched the tents right by the water.<br><br>That "
		"night the stars were brighter than any of us had ever seen them, and nobody "
		"slept.</div><div id=\"side\"><p>Visit our shop for maps, guides and posters of "
		"the mountains.</p><p>Read the earlier posts about our trips to the coast and the "
		"islands.</p></div></body></html>",
		{ "left the city early", "snow on the peaks", "nobody slept" },
		{ "Visit our shop" } },
	{ "readers' replies in a box or two beside the article, named like nothing",
		"<html><body><div class=\"wrap\"><div class=\"story\"><p>The library on Mill "
		"Street reopens on Monday after two years of building work, with a new roof.</p>"
		"<p>The city paid for most of the work, and a local family gave the money for the "
		"children's corner.</p><p>Opening hours stay the same, but the library will now "
		"also open on Sunday afternoons in summer.</p></div><div class=\"talk\"><div "
		"class=\"box\"><div class=\"c\"><b>reader0</b><p>Finally! I have missed this "
		"place so much, and my kids will love it.</p></div><div class=\"c\"><b>reader1</b>"
		"<p>Two years is far too long for a roof, if you ask me, but it is done.</p></div>"
		"<div class=\"c\"><b>reader2</b><p>Will the old local history shelves come back, "
		"or were they moved?</p></div><div class=\"c\"><b>reader3</b><p>Sunday opening is "
		"great news for those of us who work all week.</p></div><div class=\"c\"><b>"
		"reader4</b><p>I hope they kept the big old armchairs by the window, the best "
		"seats.</p></div><div class=\"c\"><b>reader5</b><p>Does anyone know whether the "
		"parking behind the building is open?</p></div></div></div></div></body></html>",
		{ "Mill Street", "children's corner", "Sunday afternoons" },
		{ "armchairs", "reader0" } },
	{ "an article split over a page builder's widgets, beside widgets of links",
		"<html><body><div class=\"page\"><div class=\"post\"><div class=\"intro\"><p>The "
		"harbour festival returns this weekend after a year away, and the organisers "
		"expect more boats than ever: over two hundred have signed up for the parade on "
		"Saturday, from old fishing cutters to the lifeboat crew's newest launch, and the "
		"quay will be closed to cars from Friday evening until late on Sunday night.</p>"
		"<p>Stalls along the quay will sell smoked fish, oysters and cider from the farms "
		"up the valley, and the brass band plays on the old pier at noon both days, "
		"weather allowing, with the fireworks over the water on Saturday at ten.</p></div>"
		"<div class=\"builder-widget-wrap\"><div class=\"builder-widget-container\"><p>"
		"Parking is on the football ground, with a free bus to the harbour every quarter "
		"of an hour.</p></div></div><div class=\"builder-widget-wrap\"><div "
		"class=\"builder-widget-container\"><p>The rowing race starts at three on Sunday, "
		"and anyone may enter a boat until the morning of the race.</p></div></div></div>"
		"<div class=\"widget-area\"><div class=\"widget\"><h3>Recent posts</h3><ul><li><a "
		"href=\"/1\">Our new opening hours for the winter months</a></li><li><a "
		"href=\"/2\">Photos from the spring market on the green</a></li><li><a "
		"href=\"/3\">The lifeboat crew thanks everyone for their help</a></li></ul></div>"
		"</div></div></body></html>",
		{ "over two hundred", "free bus", "rowing race" },
		{ "opening hours", "Recent posts" } },
	{ "a standfirst in its own box before the body, an author's note after it",
		"<html><body><div class=\"story\"><h1>Night trains return to the valley</h1><div "
		"class=\"standfirst\">After twelve years without them, sleeper trains will link "
		"the valley towns with the capital again from December.</div><div class=\"body\">"
		"<p>The rail company confirmed on Monday that two night services a week will run "
		"from the first timetable change in December, with couchettes and a dining "
		"car.</p><p>Tickets go on sale in October, and the company says fares will be "
		"close to those of the day trains, with a discount for families and for "
		"travellers under twenty-six.</p><p>The old line was closed in a round of cuts, "
		"and local councils have campaigned for its return ever since.</p></div><div "
		"class=\"note\">Our correspondent has covered transport in the region for the "
		"paper since 2009 and lives in the valley with her family.</div></div></body>"
		"</html>",
		{ "After twelve years", "two night services", "campaigned" },
		{ "Our correspondent" } },
	{ "a standfirst in the article's head, above the grid that holds the body",
		"<html><body><div class=\"story\"><div class=\"head\"><h1>Night trains return to "
		"the valley</h1><p class=\"dek\">After twelve years without them, sleeper trains "
		"will link the valley towns with the capital again from December.</p></div><div "
		"class=\"grid\"><div class=\"col\"><div class=\"body\"><p>The rail company "
		"confirmed on Monday that two night services a week will run from the first "
		"timetable change in December, with couchettes and a dining car.</p><p>Tickets go "
		"on sale in October, and the company says fares will be close to those of the day "
		"trains, with a discount for families and for travellers under twenty-six.</p><p>"
		"The old line was closed in a round of cuts, and local councils have campaigned "
		"for its return ever since.</p></div></div><div class=\"col\"><ul><li><a "
		"href=\"/a\">Weather</a></li><li><a href=\"/b\">Sport</a></li></ul></div></div>"
		"</div></body></html>",
		{ "After twelve years", "two night services", "campaigned" }, { "Weather" } },
	{ "a standfirst in the article's <header>, beside its <h1>, a byline and a date",
		"<html><body><header class=\"site\"><nav><a href=\"/\">Home</a> <a "
		"href=\"/news\">News</a></nav></header><main><article><header><h1>Night trains "
		"return to the valley</h1><p class=\"intro\">After twelve years without them, "
		"sleeper trains will link the valley towns with the capital again from "
		"December.</p><div class=\"meta\"><time>3 May</time> by <a href=\"/jr\">Jane "
		"Roe</a></div></header><div class=\"body\"><p>The rail company confirmed on "
		"Monday that two night services a week will run from the first timetable change "
		"in December, with couchettes and a dining car.</p><p>Tickets go on sale in "
		"October, and the company says fares will be close to those of the day trains, "
		"with a discount for families.</p><p>The old line was closed in a round of cuts, "
		"and local councils have campaigned for its return ever since.</p></div>"
		"</article></main></body></html>",
		{ "After twelve years", "two night services", "campaigned" }, { "Home", "Jane Roe" } },
	{ "a line announcing a list of links inside the article, prose after the list",
		"<html><body><article><h1>Die neue Brücke</h1><p>Die Fußgängerbrücke über den "
		"Fluss wurde am Samstag eröffnet, drei Jahre nachdem das Hochwasser die alte "
		"weggerissen hatte.</p><p>Sie verbindet den Marktplatz mit dem Park am anderen "
		"Ufer, und die Stadt rechnet mit zweitausend Menschen am Tag.</p><p>Lesen Sie "
		"auch die folgenden Beiträge:</p><ul><li><a href=\"/1\">Der Stadtrat und die "
		"Kosten der Brücke</a></li><li><a href=\"/2\">Wie das Hochwasser kam</a></li>"
		"</ul><p>Die Architekten wählten Holz und Stahl, damit die Brücke die Farbe der "
		"alten Lagerhäuser am Kai annimmt.</p></article></body></html>",
		{ "Fußgängerbrücke", "zweitausend", "Holz und Stahl" },
		{ "Lesen Sie auch", "Stadtrat" } },
	{ "teasers whose whole card is a link, a heading and a sentence in it, inside the article",
		"<html><body><article><p>Die Fußgängerbrücke über den Fluss wurde am Samstag "
		"eröffnet, drei Jahre nachdem das Hochwasser die alte weggerissen hatte.</p><p>Sie "
		"verbindet den Marktplatz mit dem Park am anderen Ufer, und die Stadt rechnet mit "
		"zweitausend Menschen am Tag.</p><div class=\"cards\"><a href=\"/1\"><h3>Der "
		"Stadtrat zählt</h3><p>Was die Brücke gekostet hat und wer sie bezahlt.</p></a>"
		"<a href=\"/2\"><div><h3>Das Hochwasser</h3><p>Wie der Fluss im Frühjahr über die "
		"Ufer trat.</p></div></a></div><p>Die Architekten wählten Holz und Stahl, damit die "
		"Brücke die Farbe der alten Lagerhäuser am Kai annimmt.</p></article></body></html>",
		{ "Fußgängerbrücke", "zweitausend", "Holz und Stahl" },
		{ "Stadtrat", "gekostet", "Hochwasser\n", "Frühjahr" } },
	{ "words hyphenated for line breaks with soft hyphens, as a typesetting plugin does",
		"<html><body><article><p>En reac&shy;tion a la can\xc2\xad" "di\xc2\xad"
		"da\xc2\xad" "ture, plus de deux mille cher\xc2\xad" "cheurs signent une lettre "
		"de motivation collective.</p><p>Ils demandent du temps et des financements "
		"re&#173;cur&#xad;rents pour leurs laboratoires.</p></article></body></html>",
		{ "En reaction a la candidature, plus de deux mille chercheurs",
			"financements recurrents" },
		{ "\xc2\xad" } },
	{ "an article's opening in a box of its own, built as the body's box is, far above it",
		"<html><body><div class=\"page\"><section class=\"row\"><div class=\"box\"><div "
		"class=\"col\"><div class=\"wrap\"><div class=\"story-text\"><p>The footbridge "
		"over the river opened on Saturday, three years after the old one was washed away "
		"in the spring floods.</p></div></div></div></div></section><section class=\"row\">"
		"<figure><img src=\"b.jpg\"></figure></section>" SPLIT_BODY("") "</div></body></html>",
		{ "washed away", "market square", "timber and steel", "oldest woman" }, { NULL } },
	{ "three teasers above the article, each built as the article's box is",
		"<html><body><div class=\"page\"><section class=\"row\"><div class=\"list\">"
		TEASER("The council voted on Monday to close the old swimming pool, after sixty years.")
		TEASER("A bakery on the high street has won a national prize for its rye bread again.")
		TEASER("The ferry timetable changes next week, with an extra boat on Sundays in June.")
		"</div></section>" SPLIT_BODY("<p>The footbridge over the river opened on Saturday, "
		"three years after the old one was washed away in the spring floods.</p>")
		"</div></body></html>",
		{ "washed away", "market square", "oldest woman" },
		{ "swimming pool", "rye bread", "ferry timetable" } },
	{ "a video's title in a figure beside the article's body, with a full stop inside it",
		"<html><body><article><figure><div class=\"player\"><span>Voters in St. Ives on the "
		"new bridge</span></div></figure>" BRIDGE_STORY "</article></body></html>",
		{ "washed away", "market square", "timber and steel" }, { "Voters in" } },
	{ "a label over a list of links outside the box of the list",
		"<html><body><div class=\"story\"><p>The footbridge over the river opened on "
		"Saturday, three years after the old one was washed away in the floods.</p><p>It "
		"links the market square with the park on the far bank.</p><h3>More on this</h3>"
		"<div class=\"teasers\"><ul><li><a href=\"/1\">The council counts the "
		"cost</a></li><li><a href=\"/2\">How the flood came</a></li></ul></div><p>The "
		"architects chose timber and steel, to weather like the old warehouses.</p></div>"
		"</body></html>",
		{ "footbridge", "market square", "timber and steel" },
		{ "More on this", "council counts" } },
	{ "captions credited in German, as most languages of Europe credit a photo",
		"<html><body><article><p>Die Fähre fährt ab Montag wieder im Stundentakt, sagt "
		"der Bürgermeister der Gemeinde.</p><p>Der Hafen im Winter. (Foto: Jana Roth)</p>"
		"<p>Die Gemeinde hat das Schiff gebraucht gekauft und im Winter umbauen lassen."
		"</p><p>Foto: Kai Lenz</p><p>Der Kapitän am Steuer. \xc2\xa9 dpa / Kai Lenz</p>"
		"<p>Fahrräder kommen ohne Aufpreis mit, Hunde ebenso.</p></article></body></html>",
		{ "Stundentakt", "umbauen lassen", "ohne Aufpreis" },
		{ "Jana Roth", "Kai Lenz", "am Steuer" } },
	{ "a caption naming the person, its credit after a comma; a sentence with one stays",
		"<html><body><article><p>Le ministre a rejet\xc3\xa9 toute faute et ne "
		"d\xc3\xa9missionnera pas, a-t-il dit mercredi.</p><p>Jana Roth, photo: Archives "
		"de la ville</p><p>Le conseil se r\xc3\xa9unit lundi pour choisir un "
		"rempla\xc3\xa7" "ant.</p><p>Elle a pris la derni\xc3\xa8re, photo: un quai vide "
		"sous la pluie.</p></article></body></html>",
		{ "toute faute", "lundi pour choisir", "un quai vide" },
		{ "Jana Roth", "Archives de la ville" } },
	{ "a like button's state after the post, and a quoted line in German quotes before it",
		"<html><body><div class=\"post\"><p>Er sah mich lange an und fragte, ob ich mit "
		"ihm zum Hafen fahren wolle, obwohl es schon dunkel wurde.</p><p>Ich überlegte "
		"kurz und sah auf die Uhr über der Tür.</p><p>\xe2\x80\x93 \xe2\x80\x9eOk."
		"\xe2\x80\x9c</p><div class=\"likes\"><h3>Gefällt mir:</h3><p>Gefällt mir "
		"Wird geladen \xe2\x80\xa6</p></div></div></body></html>",
		{ "zum Hafen", "auf die Uhr", "\xe2\x80\x9eOk.\xe2\x80\x9c" },
		{ "Gefällt", "geladen" } },
	{ "a box about the writer after the article, longer than a byline",
		"<html><body><article><h1>Night trains return</h1><p>The rail company confirmed "
		"on Monday that two night services a week will run from December, with couchettes "
		"and a dining car.</p><p>Tickets go on sale in October, and fares will be close to "
		"those of the day trains, with a discount for families and for travellers under "
		"twenty-six.</p><p>The old line was closed in a round of cuts, and local councils "
		"have campaigned for its return ever since.</p><section class=\"author-bio\"><h3>"
		"About the writer</h3><p>Jane Roe has covered transport for the paper since 2009. "
		"Before that she reported on city politics and on the port, and she wrote a book "
		"about the railways of the north. She lives in the valley with her family and two "
		"dogs, and takes the train to work.</p></section></article></body></html>",
		{ "two night services", "fares will be close", "campaigned" },
		{ "Jane Roe", "About the writer" } },
	{ "a blog's page of posts, each in a box named with its writer",
		"<html><body><table><tr><td id=\"content\">" BLOG_POST("jane", "the server moves")
		BLOG_POST("tom", "a week at the beach") BLOG_POST("ann", "a beta release")
		BLOG_POST("joe", "the new logo") BLOG_POST("max", "a new mirror") "</td><td "
		"class=\"sidebar\"><ul><li><a href=\"/x\">Archive</a></li></ul></td></tr></table>"
		"</body></html>",
		/* only the first posts: the scoring keeps two of the five (not yet mended) */
		{ "the server moves", "a week at the beach" }, { "Archive" } },
	{ "a sidebar whose feed is named like content, beside an article named like nothing",
		"<html><body><div class=\"grid\"><div class=\"main\"><article><h1>Aid arrives</h1>"
		"<div class=\"copy\"><p>A third plane carrying doctors and supplies landed on "
		"Thursday, the ministry said, bringing the number of aid workers sent this week "
		"to more than a hundred.</p><p>The plane was lent by an aircraft maker and "
		"carried twenty-five tonnes of shelters, medicine and food, which will be taken "
		"by road to the worst hit districts.</p><p>Two more flights are planned for the "
		"weekend if the runway stays open.</p></div></article></div><aside class=\"rail\">"
		"<div class=\"live-content\"><h3>Live</h3><ul><li><div class=\"item-text\"><p>"
		"Rescue teams, army engineers, volunteers, doctors and nurses reached the last "
		"villages in the north, after the road, blocked by rocks, mud and trees, was "
		"cleared overnight.</p></div></li><li><div class=\"item-text\"><p>The airport, "
		"closed since Saturday, reopened at noon for aid flights, which brought tents, "
		"water filters, blankets, medicine and food from the capital, the coast and "
		"abroad.</p></div></li><li><div class=\"item-text\"><p>Aftershocks, some of them "
		"strong, were felt again in the evening, and families, many with small children, "
		"were asked to sleep outside, in tents or cars, for one more night.</p></div></li>"
		"<li><div class=\"item-text\"><p>Schools in the three districts, most of them "
		"damaged, some of them destroyed, will stay closed for at least two weeks, the "
		"ministry, the unions and the mayors agreed.</p></div></li></ul></div><div "
		"class=\"box\"><h3>Most read</h3><ul><li><a href=\"/0\">How the valley rebuilt "
		"after the flood of 1987, in pictures</a></li><li><a href=\"/1\">What to pack for "
		"a week in a mountain shelter</a></li><li><a href=\"/2\">The best walks above the "
		"lakes this summer</a></li><li><a href=\"/3\">Ten villages to visit before the "
		"tourists come back</a></li><li><a href=\"/4\">Why the old railway bridge will "
		"stay closed until spring</a></li><li><a href=\"/x0\">A guide to the mountain "
		"huts that stay open all winter long</a></li><li><a href=\"/x1\">Photos: the "
		"first snow of the season on the northern peaks</a></li><li><a href=\"/x2\">The "
		"cheese makers of the upper valley and their summer pastures</a></li><li><a "
		"href=\"/x3\">How to read an avalanche bulletin before you set out</a></li><li><a "
		"href=\"/x4\">Our readers' pictures of the autumn colours in the forests</a></li>"
		"<li><a href=\"/y0\">Letters: the new bus timetable leaves the upper villages "
		"behind</a></li><li><a href=\"/y1\">The story of the valley's last blacksmith, "
		"told by his daughter</a></li><li><a href=\"/y2\">Where to eat trout by the lake, "
		"from the cheap to the fancy</a></li><li><a href=\"/y3\">A short history of the "
		"salt road over the pass and its inns</a></li><li><a href=\"/y4\">Ten questions "
		"for the new head of the mountain rescue</a></li></ul></div></aside></div></body>"
		"</html>",
		{ "third plane", "twenty-five tonnes", "Two more flights" },
		{ "Rescue teams", "Aftershocks", "Most read" } },
	{ "a form around the whole page, as ASP.NET writes it",
		"<html><body><form id=\"page\" action=\"/default.aspx\" method=\"post\">"
		"<div class=\"wrap\">" BRIDGE_STORY "<div class=\"col\"><h3>Opening hours</h3>"
		"<p>The town hall is open from nine to five on weekdays, and on Saturday.</p>"
		"</div></div><input type=\"hidden\" name=\"state\" value=\"x\"></form>"
		"</body></html>",
		{ "footbridge", "two thousand", "timber and steel" }, { "town hall" } },
	{ "a script's data left as text above the article",
		"<html><body><div class=\"top\"><div class=\"cfg\">"
		"{'p0':{'id':0,'title':'','parent':0},'p1':{'id':1,'title':'','parent':1},"
		"'p2':{'id':2,'title':'','parent':2},'p3':{'id':3,'title':'','parent':3},"
		"'p4':{'id':4,'title':'','parent':4},'p5':{'id':5,'title':'','parent':5},"
		"'p6':{'id':6,'title':'','parent':6},'p7':{'id':7,'title':'','parent':0},"
		"'p8':{'id':8,'title':'','parent':1},'p9':{'id':9,'title':'','parent':2},"
		"'p10':{'id':10,'title':'','parent':3},'p11':{'id':11,'title':'','parent':4},"
		"'p12':{'id':12,'title':'','parent':5},'p13':{'id':13,'title':'','parent':6},"
		"'p14':{'id':14,'title':'','parent':0},'p15':{'id':15,'title':'','parent':1},"
		"'p16':{'id':16,'title':'','parent':2},'p17':{'id':17,'title':'','parent':3},"
		"'p18':{'id':18,'title':'','parent':4},'p19':{'id':19,'title':'','parent':5},"
		"'p20':{'id':20,'title':'','parent':6},'p21':{'id':21,'title':'','parent':0},"
		"'p22':{'id':22,'title':'','parent':1},'p23':{'id':23,'title':'','parent':2}}</div>"
		"</div></div>" BRIDGE_STORY "</body></html>",
		{ "footbridge", "two thousand", "timber and steel" }, { "parent", "'p1'" } },
	{ "a menu button left open around the page",
		"<html><body><header><div class=\"bar\"><button class=\"menu-button\" "
		"aria-label=\"Menu\"><span>Menu</span><nav><ul><li><a href=\"/a\">News</a></li>"
		"<li><a href=\"/b\">Sport</a></li></ul></nav><main>" BRIDGE_STORY "</main>"
		"<footer><p>Contact us at the town hall.</p></footer></body></html>",
		{ "footbridge", "two thousand", "timber and steel" }, { "town hall", "Sport" } },
	{ "a post only readers without scripts see",
		"<html><body><div class=\"top\"><a href=\"/\">Field notes</a> <a "
		"href=\"/archive\">Archive</a></div><div class=\"post\" data-template=\"post\">"
		"</div><noscript><div class=\"post-body\"><p>We counted the swifts over the old "
		"mill again this week, and there were fewer than last year, as there were fewer "
		"last year than the year before.</p><p>The roof where they nest was mended in "
		"spring, and the builders left gaps under the tiles on purpose, so the birds "
		"could still get in.</p><p>If you see them over your street, send us the time and "
		"the count.</p></div></noscript></body></html>",
		{ "swifts over the old mill", "gaps under the tiles", "the count" },
		{ "Archive" } },
	{ "a box of links titled in another language, inside the article",
		"<html><body><article><h1>Neue Fähre</h1><p>Die neue Fähre über den See fährt ab "
		"Montag im Stundentakt.</p><p>Die Gemeinde hat das Schiff gebraucht gekauft und "
		"im Winter umbauen lassen.</p><div class=\"box\"><h3>Weitere Informationen</h3>"
		"<ul><li><a href=\"/1\">Fahrplan der Fähre als PDF</a></li><li><a href=\"/2\">"
		"Preise und Mehrfachkarten</a></li></ul></div><p>Fahrräder werden ohne Aufpreis "
		"mitgenommen, solange Platz an Deck ist.</p></article></body></html>",
		{ "Stundentakt", "umbauen lassen", "ohne Aufpreis" }, { "Weitere Informationen" } },
	{ "the article after an early </body>",
		"<html><body><table><tr><td><a href=\"/\">Home</a></td></tr></table></body>"
		"</td></tr></table>" BRIDGE_STORY "</html>",
		{ "footbridge", "two thousand", "timber and steel" }, { "Home" } },
	{ "readers' comments whose bodies are named like an article's, in no comment box",
		"<html><body><table><tr><td><div class=\"blog\"><h2>Sunday 12 May</h2><div "
		"class=\"blogbody\"><p>Run five miles, then row two thousand metres, as fast as "
		"you can.</p><p>Rest as needed between the two, and post your time.</p></div>"
		"<div class=\"comments-body\"><p>Did it in forty minutes, and my legs are still "
		"shaking, but it was worth every minute of it, thanks.</p></div><div "
		"class=\"comments-body\"><p>Rowed first, then ran, because the rowing machine "
		"was free, and that order made the run much harder for me.</p></div><div "
		"class=\"comments-body\"><p>Scaled it to three miles, since my knee is still "
		"sore from last week, and it was still a tough morning.</p></div></div>"
		"</td></tr></table></body></html>",
		{ "Run five miles", "post your time" }, { "forty minutes", "rowing machine",
		"my knee" } },
	{ "a short post whose class names its author, above a long thread of comments",
		"<html><body><div id=\"content\"><div class=\"post author-admin\"><h2>At the "
		"show</h2><div class=\"entry-content\"><p>She walked out in a bright red dress "
		"that looked as if it came from an old fashion magazine.</p></div></div><div "
		"id=\"comments\"><ol><li class=\"comment\"><p>Gorgeous, and the colour suits "
		"her so well, I cannot stop looking at this picture.</p></li><li "
		"class=\"comment\"><p>Is she a real person, or a painting? The light in this "
		"photograph is just perfect, well done.</p></li></ol></div></div></body></html>",
		{ "bright red dress" }, { "Gorgeous", "painting" } },
	{ "an about-us text named like content in the footer, and an article in short lines",
		"<html><body><div id=\"page\"><div class=\"post\"><h1>A house made new</h1><div "
		"class=\"entry\"><p>We received photos of a house in the hills made new by a "
		"small studio.</p><p><img src=\"1.jpg\"></p><p>The owners wanted the feel of a "
		"villa and kept the old stone walls.</p><p><img src=\"2.jpg\"></p><p>The "
		"kitchen opens on a garden that leads down to the dining room.</p><p>Upstairs the "
		"bedrooms look over the valley to the sea.</p><p>The studio used timber from the "
		"old barn for the floors of the upper rooms.</p><p>Work took two years and the "
		"family moved back in before the last winter.</p><p>A small pool sits below the "
		"terrace where the old stables used to stand.</p><p>Now have a look at the photos "
		"taken before the work began.</p><p>The roof was the hardest part and took a "
		"whole summer to mend.</p><p>Old tiles were cleaned one by one and laid back "
		"in their places.</p><p>Only the chimney had to be built again from the "
		"ground.</p></div></div></div><div "
		"id=\"footer\"><div class=\"widget-area\" id=\"second-aside\"><div "
		"class=\"content\"><p>Founded in 2007, our magazine is a weblog devoted to "
		"finding, and sharing, the latest and greatest in architecture, design, decor and "
		"gardens, for readers all over the world.</p><p>Our focus is to give you ideas, "
		"plans and pictures to make your home more beautiful, organised, calm and "
		"healthy, room by room, season by season.</p><p>We now have, each month, more "
		"than three million visits, from architects, students, builders and owners, and "
		"the number grows.</p><p>Write to us, at any time, with your own house, your "
		"photos, your plans, your questions or your stories, and we will answer every "
		"letter, in a single week or less.</p></div></div></div></body></html>",
		{ "stone walls", "dining room", "over the valley" }, { "Founded in 2007" } },
	{ "a gallery of photos whose captions are named with a number, above the article",
		"<html><body><div class=\"media\"><div class=\"gallery\"><div "
		"class=\"photo\"><img src=\"0.jpg\"><cite id=\"galleryCaption650\">The mayor "
		"cuts the ribbon at the east end of the new bridge, on Saturday morning, before "
		"a crowd of a few hundred people.</cite></div><div class=\"photo\"><img "
		"src=\"1.jpg\"><cite id=\"galleryCaption651\">Children run across the bridge, "
		"from the market square to the park, minutes after it opened, while their "
		"parents watch.</cite></div><div class=\"photo\"><img src=\"2.jpg\"><cite "
		"id=\"galleryCaption652\">A barge passes under the bridge, on its way to the old "
		"warehouses along the quay, loaded with timber and sand.</cite></div><div "
		"class=\"photo\"><img src=\"3.jpg\"><cite id=\"galleryCaption653\">Workers fix "
		"the last of the lamps along the railing, on Friday evening, a day before the "
		"opening, in the rain.</cite></div><div class=\"photo\"><img src=\"4.jpg\"><cite "
		"id=\"galleryCaption654\">The old bridge, washed away in the spring floods three "
		"years ago, as it stood in a photograph from the town archive.</cite></div>"
		"</div></div><div><p>The new footbridge opened on Saturday.</p><p>It links the "
		"market square with the park.</p><p>The council expects two thousand people to "
		"cross it every day.</p></div></body></html>",
		{ "footbridge opened", "two thousand" }, { "ribbon", "barge",
		"town archive" } },
	{ "readers' comments after a heading named for them, in the article's own box",
		"<html><body><div class=\"blog\"><h2>It's hot, but the knitting goes on</h2>"
		"<p>Nights here used to be cool, however hot the day had been.</p><p>This year "
		"the heat stays after dark, and the wool sticks to my hands.</p><p>So I knit small "
		"things now: socks, mittens and a hat for my niece.</p><p class=\"posted\">Posted "
		"by laurie at 9:01 AM</p><h2 id=\"comments\">Comments</h2><div id=\"c1\"><p>Here "
		"the nights are just as hot, and I have given up on wool until October.</p></div>"
		"<p class=\"posted\">Posted by: Ellen at 11:40 AM</p><div id=\"c2\"><p>I knit "
		"with cotton in the summer, it does not stick, and it washes well.</p></div>"
		"</div></body></html>",
		{ "used to be cool", "after dark", "hat for my niece" }, { "given up on wool",
		"cotton in the summer" } },
	{ "a button to open the comments, above the article's body",
		"<html><body><article><h1>The old timber trade</h1><p>Few remember it today, but "
		"timber from the hills once sailed down the river to the sea.</p><a "
		"id=\"open-comments\" class=\"article-action\">Comments</a><p>From the "
		"seventeenth century on, the biggest trunks went to shipyards in the north.</p>"
		"<p>Rafts of logs a hundred metres long were steered by crews of forty men.</p>"
		"</article></body></html>",
		{ "Few remember it", "shipyards in the north", "crews of forty" }, { NULL } },
	{ "a tag the head does not hold, with the whole page after it",
		"<html><head><title>The new bridge opens</title><meta charset=\"utf-8\"><mbox>"
		"<table><tr><td><a href=\"/\">Home</a></td></tr></table>" BRIDGE_STORY
		"</body></html>",
		{ "footbridge", "two thousand", "timber and steel" }, { "Home" } },
	{ "a line of a closing guillemet alone, between paragraphs quoted in French style",
		"<html><body><article><p>«Die Fähre fährt ab Montag im Stundentakt», sagt der "
		"Bürgermeister.</p><p>»</p><p>Die Gemeinde hat das Schiff gebraucht gekauft und im "
		"Winter umbauen lassen.</p><p>«Fahrräder kommen ohne Aufpreis mit.»</p></article>"
		"</body></html>",
		{ "Stundentakt", "umbauen lassen", "ohne Aufpreis" }, { NULL } },
	{ "a table of data whose cells are linked names, inside the article",
		"<html><body><article><h1>Harriers at Elm Park</h1><p>The Harriers meet the Rovers "
		"at Elm Park on Saturday, and both coaches have named their teams.</p><p>Here are "
		"the starting line-ups, as the clubs sent them this morning.</p><table><tr><th>"
		"Harriers</th><th>Rovers</th></tr><tr><td>1. <a href=\"/p/1\">Tom Ashby</a> (GK)"
		"</td><td>1. <a href=\"/p/2\">Ian Crowe</a> (GK)</td></tr><tr><td>2. <a "
		"href=\"/p/3\">Ned Brill</a> (DF)</td><td>2. <a href=\"/p/4\">Sam Doyle</a> (DF)"
		"</td></tr></table><p>The Rovers have not won at Elm Park since the spring of "
		"last year, when the pitch was still grass.</p><table><tr><td><a href=\"/t\">"
		"Table</a> | <a href=\"/f\">Fixtures</a></td><td><a href=\"/r\">Results</a>"
		"</td></tr></table></article></body></html>",
		{ "Tom Ashby", "Sam Doyle", "since the spring" }, { "Fixtures" } },
	{ "paragraphs of prose set as <h4> headings, after a short box of prose",
		"<html><head><title>Caring for a cut tree</title></head><body><div id=\"farm\">"
		"<p>Shady Pond is a family farm, open on weekends in December, with hot cider by "
		"the gate.</p></div><div id=\"care\"><h1>Caring for a cut tree</h1><h4>As soon "
		"as you bring the tree home, saw a thin slice off the butt and stand it in a "
		"bucket of water, so that the cut does not seal with sap before the tree can "
		"drink. A tree that has stood dry for more than a few hours needs a new cut, "
		"whatever the seller told you at the farm, and a bucket will do until the stand is up.</h4><h4>Keep the tree away from "
		"fireplaces, radiators and heater vents, which dry its needles within days, and "
		"check the water every morning, since a fresh tree drinks several litres a day. "
		"Once the water drops below the cut, the tree stops drinking and starts to "
		"shed, first inside the branches and then all over the floor.</h4><h4>Test every string of lights before it goes on the tree, throw "
		"away any with a frayed wire, and unplug the lights at bedtime or whenever nobody "
		"is at home. Most fires blamed on trees start in old lights, not in the needles, "
		"however dry they are, so buy new ones when in doubt and keep the old ones for "
		"the garden shed.</h4></div></body></html>",
		{ "thin slice", "radiators", "frayed wire" }, { NULL } },
	{ "a post of a few lines of links, beside a sidebar's long profile of its writer",
		"<html><body><div id=\"content\"><div id=\"sidebar\"><h2>About me</h2><div "
		"id=\"profile\"><p>I have written about buses, trams, ferries, night trains, "
		"cable cars, river boats, airport shuttles, school runs, timetables, fares, "
		"strikes, depots, drivers, conductors, ticket machines, bus lanes, park and "
		"ride, cycle racks, waiting rooms, lost property, station clocks, platform "
		"announcements, delays, diversions, replacement buses, and the people who plan "
		"them, for eleven years, in three cities, for two papers, one radio station, "
		"and this blog, which I started when the last paper closed, and which I keep "
		"going, on weekends, in the evenings, and on trains, of course.</p></div><ul>"
		"<li><a href=\"/1\">Older posts</a></li></ul></div><div id=\"main\"><div "
		"class=\"post\"><h3>This week's best reads</h3><div class=\"post-body\">The "
		"night bus map that <a href=\"/a\">finally</a> makes sense.<br>Why the tram "
		"depot <a href=\"/b\">moved</a> out of town.<br>A conductor's last <a "
		"href=\"/c\">shift</a>, in photos.</div><p class=\"post-footer\">posted by "
		"the writer at 6:01 PM</p></div></div></div></body></html>",
		{ "night bus map", "tram depot", "last shift" }, { "eleven years" } },
	{ "small print in an <h6> after the article",
		"<html><body><article><h1>Rates hold</h1><p>The central bank left its rate at "
		"four per cent on Thursday, as most economists had expected.</p><p>Its governor "
		"said that prices were still rising faster than wages, and that the bank would "
		"wait for the spring figures.</p><h6>The writer is a partner at an advisory firm. "
		"Nothing in this article is advice to buy or sell any security, and past results "
		"do not promise future ones; investing in securities involves the risk of "
		"losing money. Readers should ask an adviser of their own before they act on "
		"anything they read here, in print or online.</h6></article></body></html>",
		{ "four per cent", "spring figures" }, { "advisory firm" } },
	{ "a section front of linked teasers, no article, a note of one line above them",
		"<html><body><div id=\"note\"><p>Please note: this page reads best with its "
		"style sheet.</p></div><ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a "
		"href=\"/s\">Weather desk</a></li></ul><div id=\"main\"><h1>Books</h1>"
		"<div class=\"teaser\"><h3><a href=\"/1\">A life among rabbits</a></h3><p><a href=\"/1\">"
		"The painter who drew the rabbits is shown as a farmer, a scientist and a stubborn defender of the hills she loved.</a></p></div>"
		"<div class=\"teaser\"><h3><a href=\"/2\">Winter stories for grown-ups</a></h3><p><a href=\"/2\">"
		"Best known for her stories for children, the writer set these stories in a cold and quiet northern winter.</a></p></div>"
		"<div class=\"teaser\"><h3><a href=\"/3\">What to read on the holidays</a></h3><p><a href=\"/3\">"
		"As my colleagues left for their breaks, the talk at every party was of the books they meant to read at last.</a></p></div>"
		"<div class=\"teaser\"><h3><a href=\"/4\">A golden age of comics</a></h3><p><a href=\"/4\">"
		"The cartoonist draws a town of collectors who argue over old comics, and a man who owns them all.</a></p></div>"
		"</div></body></html>",
		{ "stubborn defender", "cold and quiet", "books they meant", "owns them all" },
		{ "Weather desk" } },
	{ "a page of links laid out in tables built alike, the first with the most commas",
		"<html><body><center><b>Links about the harbour</b></center><p>If you know of a "
		"harbour link not listed here, please write to me and I will add it.</p>"
		LINK_TABLE(CLUBS("HARBOUR NEWS", "THE PIER CLUB") CLUBS("QUAY NEWS", "THE PIER CLUB"),
			CLUBS("TOWN NEWS", "THE SAILING CLUB") CLUBS("QUAY NEWS", "THE SAILING CLUB"))
		LINK_TABLE(STORIES("BIRD COUNT"), TRADES("NET MENDERS"))
		LINK_TABLE(TRADES("ROPE MENDERS"), STORIES("SEAL COUNT")) "</body></html>",
		{ "SAILING CLUB", "ninety years", "ROPE MENDERS", "SEAL COUNT" }, { NULL } },
	/*
	 * libxml2 ignores an end tag that would close a <div> left open, so
	 * the header and its section hold all that follows.
	 */
	{ "a banner's <section role=complementary> left open around the rest of the page",
		"<html><body><header role=\"banner\"><section role=\"complementary\"><div><div><a "
		"href=\"/radio\">Listen live</a> <a href=\"/tv\">Watch</a></div></header><ul "
		"class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News desk"
		"</a></li></ul><div class=\"main\">" BRIDGE_STORY "</div><footer>Contact "
		"us</footer></body></html>",
		{ "footbridge over the river", "two thousand people", "old warehouses" },
		{ "News desk" } },
	{ "a notice that the page moved above the legal small print's address",
		"<html><body><table><tr><td><p>This page has moved. We are sorry for the "
		"inconvenience, and thank you for your patience.</p><p>In April the whole site "
		"was redesigned, so bookmarks to the old pages stop working and return this "
		"page.</p></td></tr></table><div class=\"LegalLinks\"><p>Department of Harbours "
		"and Ferries, P. O. Box 12, Port Town, 29202. The general number is 555-2500, the "
		"ferry line 555-3224.</p><p>To ask questions about the department, its programs, "
		"or its services, write to us. For comments, questions or suggestions about this "
		"website, write to the webmaster.</p></div></body></html>",
		{ "has moved", "bookmarks" }, { "Box 12", "webmaster" } },
	/* After a doctype, libxml2 starts a second <html> for what follows </html>. */
	{ "the article after the page's </html>, as a template spliced it",
		"<!DOCTYPE html><html><head><title>The new bridge opens</title></head><body><div "
		"class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News desk</a></div>"
		"</body></html>\n<div class=\"page\">" BRIDGE_STORY "</div></body></html>",
		{ "footbridge over the river", "two thousand people", "old warehouses" },
		{ "News desk" } },
	/*
	 * libxml2 drops an end tag that would close a <div> left open inside
	 * its element; a browser closes both.
	 */
	{ "a photo's <figure> whose <div> is left open, inside the article",
		"<html><body><article><h1>The new bridge opens</h1><p>The footbridge over the "
		"river opened on Saturday, three years after the old one was washed away in the "
		"spring floods.</p><figure><div class=\"media\"><img src=\"b.jpg\"><figcaption>"
		"The bridge at dawn. Photo: Jane Roe</figcaption></figure><p>It links the market "
		"square with the park on the far bank, and the council expects two thousand "
		"people to cross it every day.</p><p>The architects chose timber and steel, so "
		"that the bridge would weather to the colour of the old warehouses along the "
		"quay.</p></article></body></html>",
		{ "footbridge over the river", "two thousand people", "old warehouses" },
		{ "Jane Roe" } },
	{ "a <noscript> whose <div> is left open, a teaser before it",
		"<html><body><div class=\"teaser\"><p>Also today: the ferry to the island runs "
		"again after the storm, the harbour office said on Monday morning.</p></div>"
		"<noscript><div class=\"nojs\"></noscript><div class=\"main\">" BRIDGE_STORY
		"</div></body></html>",
		{ "footbridge over the river", "two thousand people", "old warehouses" },
		{ NULL } },
	{ "a standfirst's <h2> closed by an </h3>, the article after it",
		"<html><body><div class=\"story\"><h1>The new bridge opens</h1><h2 "
		"class=\"excerpt\">After three years of waiting the town can cross its river on "
		"foot again, and the market is glad of it.</h3><div class=\"ad\"><h3>"
		"Advertisement</h3></div><div class=\"article-body\"><p>The footbridge over the "
		"river opened on Saturday, three years after the old one was washed away in the "
		"spring floods.</p><p>It links the market square with the park on the far bank, "
		"and the council expects two thousand people to cross it every day.</p><p>The "
		"architects chose timber and steel, so that the bridge would weather to the "
		"colour of the old warehouses along the quay.</p></div></div></body></html>",
		{ "three years of waiting", "footbridge over the river", "two thousand people",
			"old warehouses" },
		{ "Advertisement" } },
	{ "a standfirst's <h2> closed while a <div> in it is left open, the article after it",
		"<html><body><div class=\"story\"><h1>The new bridge opens</h1><h2 "
		"class=\"excerpt\"><div class=\"dek\">After three years of waiting the town can "
		"cross its river on foot again, and the market is glad of it.</h2><div "
		"class=\"ad\"><h3>Advertisement</h3></div><div class=\"article-body\"><p>The "
		"footbridge over the river opened on Saturday, three years after the old one was "
		"washed away in the spring floods.</p><p>It links the market square with the park "
		"on the far bank, and the council expects two thousand people to cross it every "
		"day.</p><p>The architects chose timber and steel, so that the bridge would "
		"weather to the colour of the old warehouses along the quay.</p></div></div>"
		"</body></html>",
		{ "three years of waiting", "footbridge over the river", "two thousand people",
			"old warehouses" },
		{ "Advertisement" } },
	{ "a Chinese news flash in short paragraphs, a menu beside it",
		"<html><body><ul class=\"menu\"><li><a href=\"/\">首页</a></li><li><a "
		"href=\"/n\">国内新闻</a></li></ul><article><h1>城东新桥通车</h1><p>城东新桥今天上午正式通车。"
		"</p><p>大桥全长八百米，双向六车道。</p><p>市民可以步行或骑车过桥。</p><p>公交三路将改走新桥。"
		"</p></article></body></html>",
		{ "正式通车", "双向六车道", "骑车过桥", "改走新桥" }, { "国内新闻" } },
	{ "a news item of two sentences beside a long list of links",
		"<html><body><div class=\"story\"><p>The ferry to the island was cancelled on "
		"Monday because of the storm.</p><p>The harbour office said the first boat would "
		"sail again on Wednesday morning.</p></div><div class=\"more\"><ul>"
		HARBOUR_LINKS
		"</ul></div></body></html>",
		{ "was cancelled", "Wednesday morning" }, { "lighthouse keeper", "breakwater" } },
	{ "a blog's front with no post, its sidebar a line of prose above lists of links",
		"<html><body><div id=\"sidebar\"><div class=\"side\"><p>\"The sea keeps no "
		"secrets from a patient harbour master.\"</p></div><div class=\"side\"><ul>"
		HARBOUR_LINKS
		"</ul></div></div><div id=\"blog\"><div class=\"blogbody\"></div></div></body></html>",
		{ "patient harbour master" }, { "lighthouse keeper", "breakwater" } },
};

static void page_shapes_give_the_article(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(*shapes); i++) {
		struct extract_result r;

		extract_bytes(shapes[i].html, strlen(shapes[i].html), &r);
		expect(shapes[i].kind, &r, shapes[i].kept, shapes[i].gone);
		extract_release(&r);
	}
}

/*
 * A page that says it is missing, or has no prose at all, is no article;
 * an article about errors is one.
 */
static void pages_that_say_they_are_missing(void **state)
{
	static const struct {
		const char *html;
		const char *why; /* in not_article, NULL for an article */
	} pages[] = {
		{ "<html><head><title>Page not found | The Valley Gazette</title></head><body>"
		  "<p>The page you asked for is not here. It may have moved when the site was "
		  "rebuilt; try the search box above.</p></body></html>", "missing" },
		{ "<html><head><title>The Valley Gazette - Sorry, an error has occurred</title>"
		  "</head><body><p>We could not show this page. Please try again later.</p>"
		  "</body></html>", "missing" },
		{ "<html><body><h1>Seite nicht gefunden</h1><p>Die Seite gibt es nicht mehr, "
		  "vielleicht finden Sie sie über die Suche.</p></body></html>", "missing" },
		{ "<html><head><title>页面不存在</title></head><body><p>您访问的页面不存在，"
		  "请返回首页。</p></body></html>", "missing" },
		{ "<html><body><div>404 : Page Not Found</div></body></html>", "missing" },
		{ "<html><head><title>Lakeside Holiday Homes</title></head><body><ul><li><a "
		  "href=\"/a\">Cabins</a></li><li><a href=\"/b\">Boats</a></li></ul><div>Why am "
		  "I seeing this site?</div><form><input name=\"q\"> Search</form></body></html>",
		  "no paragraph of prose" },
		{ "<html><head><title>Trial and error in the town kitchen</title></head><body>"
		  "<p>The cooks of the school kitchen tried eleven recipes before the children "
		  "ate the lentils.</p></body></html>", NULL },
		{ "<html><head><title>Removed from the ballot: the mayor's last appeal</title>"
		  "</head><body><p>The court heard the mayor's appeal on Monday and will rule "
		  "within a week.</p></body></html>", NULL },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(pages); i++) {
		struct extract_result r;

		extract_bytes(pages[i].html, strlen(pages[i].html), &r);
		if (!r.not_article != !pages[i].why)
			fail_msg("page %zu: not_article is %s", i,
				r.not_article ? r.not_article : "NULL");
		if (r.not_article && !strstr(r.not_article, pages[i].why))
			fail_msg("page %zu: the reason does not say why: %s", i, r.not_article);
		if (pages[i].why && strstr(pages[i].why, "prose") && r.text.len)
			fail_msg("page %zu: menus passed on as text: '%s'", i, r.text.data);
		extract_release(&r);
	}
}

/*
 * A title left open (its </title> lost where the page was cut and
 * spliced) held the whole page, and its text ran into an ad's script.
 */
static void a_title_left_open_holds_no_page(void **state)
{
	static const char page[] =
		"<html><head><title>The new bridge opens - Valley Ne(ad_version >= 11)\n"
		"document.write('<script src=\"' + ad_url + '\"><\\/script>');\n</script><div "
		"class=\"top\"><a href=\"/\">Home</a> <a href=\"/news\">News desk</a></div>"
		BRIDGE_STORY "</body></html>";
	static const char *const kept[SHAPE_MAX] = { "footbridge", "two thousand",
		"timber and steel" };
	static const char *const gone[SHAPE_MAX] = { "News desk", "ad_url" };
	static const char closed[] = "<html><head><title>Bridge <em>opens</em> today</title>"
				     "</head><body><p>The footbridge over the river opened on "
				     "Saturday, three years after the floods.</p></body></html>";
	struct extract_result r;

	(void)state;
	extract_bytes(page, sizeof(page) - 1, &r);
	expect("a title left open", &r, kept, gone);
	assert_string_equal(r.title, "The new bridge opens");
	extract_release(&r);
	/* a closed title that holds phrasing is the title still */
	extract_bytes(closed, sizeof(closed) - 1, &r);
	assert_non_null(r.title);
	assert_string_equal(r.title, "Bridge opens today");
	extract_release(&r);
}

/*
 * A site's menu that holds most of the page's text is still a menu, and
 * reading links as text finds nothing to take in it: a news item of one
 * sentence beside it is the article.
 */
static void a_menu_of_most_of_the_page_stays_a_menu(void **state)
{
	static const char *const opens[] = { "<nav>", "<div role=\"navigation\">",
		"<div class=\"site-menu\">" };
	static const char *const closes[] = { "</nav>", "</div>", "</div>" };
	static const char *const kept[SHAPE_MAX] = { "a day late this week" };
	static const char *const gone[SHAPE_MAX] = { "Section number" };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(opens); i++) {
		struct buf page;
		struct extract_result r;

		buf_init(&page, 1 << 20);
		buf_addstr(&page, "<html><body>");
		buf_addstr(&page, opens[i]);
		buf_addstr(&page, "<ul>");
		for (int k = 0; k < 60; k++)
			buf_printf(&page, "<li><a href=\"/s%d\">Section number %d of the courier</a>"
					  "</li>", k, k);
		buf_addstr(&page, "</ul>");
		buf_addstr(&page, closes[i]);
		buf_addstr(&page, "<article><h1>Bins collected late</h1><p>Bins on the east side "
				  "will be collected a day late this week because of the holiday."
				  "</p></article></body></html>");
		extract_bytes(page.data, page.len, &r);
		expect(opens[i], &r, kept, gone);
		extract_release(&r);
		buf_release(&page);
	}
}

/* A long article stays one, whatever a part of its title says. */
static void a_long_article_titled_like_an_error_stays_one(void **state)
{
	struct buf page;
	struct extract_result r;

	(void)state;
	buf_init(&page, 1 << 20);
	buf_addstr(&page, "<html><head><title>Error 404: the day the archive vanished</title>"
			  "</head><body><article>");
	for (int i = 0; i < 60; i++)
		buf_addstr(&page, "<p>When the old server was switched off, the town's records "
				  "went with it, and nobody had kept a copy anywhere else.</p>");
	buf_addstr(&page, "</article></body></html>");
	extract_bytes(page.data, page.len, &r);
	assert_null(r.not_article);
	assert_non_null(strstr(r.text.data, "switched off"));
	extract_release(&r);
	buf_release(&page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nul_bytes_end_nothing),
		cmocka_unit_test(page_shapes_give_the_article),
		cmocka_unit_test(pages_that_say_they_are_missing),
		cmocka_unit_test(a_long_article_titled_like_an_error_stays_one),
		cmocka_unit_test(a_title_left_open_holds_no_page),
		cmocka_unit_test(a_menu_of_most_of_the_page_stays_a_menu),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
