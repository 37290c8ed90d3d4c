#include "unit.h"

#include "points.h"
#include "common.h"

/* What a page's text carries besides its story never makes a key point. */
static void only_sentences_that_say_something(void **state)
{
	static const struct {
		const char *sentence;
		int says;
	} cases[] = {
		{ "The port authority closed the northern terminal after a crane collapsed.", 1 },
		{ "\"We know how much our customers rely on us, and we fell short.\"", 1 },
		/* advice, and a page's name for a thing, are prose */
		{ "Keep the receipt until the repair is done, the council advises tenants.", 1 },
		{ "Share prices in Hong Kong fell for a third day on Thursday.", 1 },
		{ "Click-through rates on the ads fell by a third after the change.", 1 },
		{ "\"Click here and the money is gone,\" said the head of the fraud unit.", 1 },
		{ "北辰机器人今天宣布，首批100台巡检机器人已在变电站上岗。", 1 },
		{ "芯片将于明年一季度量产。", 1 },
		/* headings, labels and menus */
		{ "Skip to main content", 0 },
		{ "Table of Contents", 0 },
		{ "The Best Board Games From 2025 For Families And Friends.", 0 },
		{ "Home | News | Sport | Business | Culture", 0 },
		{ "Sport home Football Cricket Rugby Union Golf Tennis Motor Sport", 0 },
		/* captions, credits and bylines */
		{ "Eyewitnesses said the building collapsed like a pack of cards, as our reporter reports", 0 },
		{ "Photo: Jane Doe for the Daily Ledger.", 0 },
		{ "By Chris Wilson 14/01/2008", 0 },
		{ "By Jane Doe and John Roe, Staff Writers.", 0 },
		/* a caption: its credit after the stop, or the picture's full date closing it */
		{ "Fans of the club gather at the harbour gates on Thursday.(Harbor Wire)", 0 },
		{ "Fans of the club gather at the harbour gates on Thursday. (Harbor Photo/Jane Doe)", 0 },
		{ "A fishing boat searches the bay for a missing diver, Monday Jan. 7, 2008.", 0 },
		{ "The mayor speaks to reporters at the pier in Harbor City, Wednesday, Jan. 9, 2008.", 0 },
		{ "The ferry company was founded on Jan. 7, 2008, by two brothers from the harbour.", 1 },
		{ "The ferry, which sank on Monday, was built in the harbour yard in 2008.", 1 },
		{ "Ferry fares rise by a tenth from Monday (the first rise since 2008).", 1 },
		{ "责任编辑：王小明", 0 },
		/* share, subscribe and contact lines */
		{ "To browse all of this year's best books, visit ledgerbookshop.com.", 0 },
		{ "If you have a story, contact us at desk@ledger.example today.", 0 },
		{ "Read the full story at https://ledger.example/story today.", 0 },
		{ "Anyone who saw the crash is asked to call the harbour police at 555-0142.", 0 },
		{ "Rovers beat City 5-0 in the 2007-2008 season, and 3-1 a year later.", 1 },
		{ "\xc2\xa9 2008 The Daily Ledger. All rights reserved by the publisher.", 0 },
		/* the line about the writer under a story, and a list's fragment */
		{ "Jane Doe is a national sports columnist for the Harbor Daily.", 0 },
		{ "John Roe was the paper's editor for twenty years before he retired.", 0 },
		{ "- a reader from the harbour district who loves the ferry.", 0 },
		{ "Jane Doe is a councillor who voted against the budget on Tuesday.", 1 },
		/* ... and about the site, in the first person too, and the page itself */
		{ "I have been a harbour-town copywriter for nineteen years.", 0 },
		{ "My name is Jane Doe and I teach media studies at a harbour college.", 0 },
		{ "Launched in 2009, Harbor Notes is a weblog devoted to boats and their builders.", 0 },
		{ "Harbor Notes is a consultancy and newsletter about the shipping trade.", 0 },
		{ "The primary focus of this design publication is to inspire your home.", 0 },
		{ "You are responsible for the comments you post on this Web site.", 0 },
		{ "For more, check our about page.", 0 },
		{ "A publication of the Harbor Media Group.", 0 },
		{ "To read this article in full you must be registered with the site.", 0 },
		{ "For your options, click the button below this notice.", 0 },
		{ "I was a sailor on the ferry for ten years before the strike.", 1 },
		{ "To view the eclipse safely, the council hands out glasses at the pier.", 1 },
		{ "Workers at the site found a crack in this part of the harbour wall.", 1 },
		{ "She is a columnist, and her column on the ferry drew 400 letters.", 1 },
		{ "- The ferry will run every ten minutes from Monday.", 1 },
		/* calls to the reader: a page's actions, and "please" to the reader */
		{ "Click here to enlarge.", 0 },
		{ "(Harbor Photo/Jane Doe) Click here to see the whole gallery.", 0 },
		{ "Keep up to date with the news from the harbour district.", 0 },
		{ "Sign up for our newsletter and never miss a story.", 0 },
		{ "Share your pictures: Upload photos and browse others in our gallery.", 0 },
		{ "Local News Your Way: Get the headlines delivered to your inbox each morning.", 0 },
		{ "Discuss the news: Talk about the latest headlines in our reader forums.", 0 },
		{ "If you spot an error in this story, please let us know so we can fix it.", 0 },
		{ "Read more about the new schedule on our transport page.", 0 },
		/* questions ask; a key point tells */
		{ "Will the plan survive a vote in the upper house before the summer recess?", 0 },
		{ "Did you read today's front page stories and the latest breaking news?", 0 },
		{ "\xe8\xbf\x99\xe9\xa1\xb9\xe8\xae\xa1\xe5\x88\x92\xe8\x83\xbd\xe5\x90\xa6\xe5\x9c\xa8\xe5\xa4\x8f\xe5\xad\xa3\xe4\xbc\x91\xe4\xbc\x9a\xe5\x89\x8d\xe9\x80\x9a\xe8\xbf\x87\xef\xbc\x9f", 0 },
		/* menus and headlines run into one sentence */
		{ "Most Viewed Most Emailed Ontario Locks Out Owner to protect historic home as store "
		  "clerk shot during robbery.", 0 },
		{ "Navigate this site: front page, news, sports, business, obituaries, opinion, "
		  "columnists, classifieds, subscriptions, links, site help, about us, write the editor, "
		  "aspen die-off alarms foresters, denver bureau, weather, traffic, events, calendar, "
		  "jobs, homes, cars, dating, shopping, deals, coupons, contests, puzzles, crosswords, "
		  "horoscopes, letters, photos, videos, podcasts, newsletters, archives, rss feeds, "
		  "contact us, advertise with us, privacy policy and terms of use.", 0 },
		/* teasers cut short, and tables */
		{ "Harbor Semiconductor will build a plant in Arizona, the company said in a…", 0 },
		{ "Stanford 66, Oregon St. 46, Arizona 71, UCLA 64, Utah 58, Colorado 51.", 0 },
		{ "Short one.", 0 },
		{ "that there was a little bit of everything in her, and of nothing.", 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		if (points_says_something(cases[i].sentence) != cases[i].says)
			fail_msg("'%s' should %s", cases[i].sentence, cases[i].says ? "say something" : "not be a point");
}

/* Shorter, and still a sentence. */
static void points_lose_what_a_reader_can_do_without(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "Lumen Dynamics, a Shenzhen start-up that makes picking robots for warehouses, said "
		  "it had raised $200 million.",
			"Lumen Dynamics said it had raised $200 million." },
		{ "Meridian has 90 days to change how it ranks shopping results, the Commission said.",
			"Meridian has 90 days to change how it ranks shopping results." },
		{ "The robots pick about 1,100 items an hour, according to the company's own tests.",
			"The robots pick about 1,100 items an hour." },
		{ "\"We know how much our customers rely on us, and we fell short,\" said Anil Mehra.",
			"\"We know how much our customers rely on us, and we fell short.\"" },
		{ "According to a filing with the city, the plant will employ 600 people.",
			"The plant will employ 600 people." },
		{ "Logitech (SWX: LOGN) (NASDAQ: LOGI) unveiled the Harmony One remote at the show.",
			"Logitech unveiled the Harmony One remote at the show." },
		{ "Quanta Silicon said on Tuesday that the QX-9 would ship in the second quarter.",
			"Quanta Silicon said that the QX-9 would ship in the second quarter." },
		{ "公司表示，芯片将于明年一季度量产。", "芯片将于明年一季度量产。" },
		{ "据悉，北辰机器人（上海）有限公司周一发布了新一代巡检机器人。",
			"北辰机器人有限公司发布了新一代巡检机器人。" },
		/* brackets inside brackets go with the outer pair, not leave its close behind */
		{ "The viewer (built on Qt (version 6) by two students) shipped to 40,000 schools.",
			"The viewer shipped to 40,000 schools." },
		/* nothing to drop: as it was */
		{ "Shares rose 6 per cent in late trading.", "Shares rose 6 per cent in late trading." },
		/* a question keeps its attribution: cutting would change its voice */
		{ "Is the market ready, analysts asked?", "Is the market ready, analysts asked?" },
		/* a list item's marker: the digest sets the point as an item itself */
		{ "- Ferries will sail twice a day from the north quay.",
			"Ferries will sail twice a day from the north quay." },
		{ "\xe2\x80\xa2 Quanta Silicon said that the QX-9 would ship in the second quarter.",
			"Quanta Silicon said that the QX-9 would ship in the second quarter." },
		/* the whole of the time goes, not all but a word of it */
		{ "The council voted on Monday night to build a library on the old depot site.",
			"The council voted to build a library on the old depot site." },
		{ "A water main burst early on Thursday, flooding three shops on Quay Street.",
			"A water main burst, flooding three shops on Quay Street." },
		{ "Ferries will not sail on Monday or Tuesday because of the storm in the bay.",
			"Ferries will not sail because of the storm in the bay." },
		/* a weekday that names a thing stays: "'s vote" alone would be left */
		{ "Councillors spent an hour on Monday's vote about the harbour wall.",
			"Councillors spent an hour on Monday's vote about the harbour wall." },
		/* what would be left says too little: the attribution stays, the weekday goes */
		{ "It fell, the company said on Monday after the close of trading.",
			"It fell, the company said after the close of trading." },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = points_condense(cases[i].in);

		if (strcmp(got, cases[i].out))
			fail_msg("'%s' gave '%s', expected '%s'", cases[i].in, got, cases[i].out);
		free(got);
	}
}

/* One such line shows that its block is a box beside the story; a story's sentence does not. */
static void captions_and_notes_mark_a_box(void **state)
{
	static const struct {
		const char *sentence;
		int box;
	} cases[] = {
		{ "Fans of the club gather at the harbour gates on Thursday.(Harbor Wire)", 1 },
		{ "(Harbor Photo/Jane Doe)", 1 },
		{ "A fishing boat searches the bay for a missing diver, Monday Jan. 7, 2008.", 1 },
		{ "Jane Doe is a national sports columnist for the Harbor Daily.", 1 },
		{ "You are responsible for the comments you post on this Web site.", 1 },
		{ "For your options, click the button below this notice.", 1 },
		{ "Click here to enlarge.", 1 },
		{ "12 Quay Street 687-4525", 1 },
		{ "Fans of the club gather at the harbour gates on Thursday.", 0 },
		{ "The port authority closed the northern terminal after a crane collapsed.", 0 },
		{ "Photo: Jane Doe for the Daily Ledger.", 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		if (points_marks_box(cases[i].sentence) != cases[i].box)
			fail_msg("'%s' should %s", cases[i].sentence, cases[i].box ? "mark a box" : "not mark a box");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_sentences_that_say_something),
		cmocka_unit_test(points_lose_what_a_reader_can_do_without),
		cmocka_unit_test(captions_and_notes_mark_a_box),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
