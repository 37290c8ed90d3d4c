#include "unit.h"

#include "buf.h"
#include "summarize.h"
#include "config.h"
#include "emoji.h"
#include "text.h"
#include "common.h"

static void english_sentences_respect_abbreviations(void **state)
{
	size_t n;
	char **s = summarize_sentences("Dr. Smith met Mr. Jones in the U.S. on Monday. "
				       "Revenue rose 3.5 percent! Was it enough?\n\nA new paragraph",
		"en", &n);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "Dr. Smith met Mr. Jones in the U.S. on Monday.");
	assert_string_equal(s[1], "Revenue rose 3.5 percent!");
	assert_string_equal(s[2], "Was it enough?");
	assert_string_equal(s[3], "A new paragraph");
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* Each row: text, language, the sentences it splits into (NULL ends them). */
static const struct {
	const char *text, *lang, *want[4];
} splits[] = {
	/* German writes ordinals with a dot; a score or a year still ends a sentence */
	{ "Die Preise steigen zum 1. Januar um 12 Prozent. Das teilte der Versorger mit.", "de",
		{ "Die Preise steigen zum 1. Januar um 12 Prozent.", "Das teilte der Versorger mit." } },
	{ "Das Spiel endete 2:1. Danach feierten die Fans bis 2024. Dann nicht mehr.", "de",
		{ "Das Spiel endete 2:1.", "Danach feierten die Fans bis 2024.", "Dann nicht mehr." } },
	/* an ordinal is never followed by an article or a pronoun */
	{ "Die Zahl der Verletzten stieg auf 12. Die Polizei ermittelt seit dem 3. Mai.", "de",
		{ "Die Zahl der Verletzten stieg auf 12.", "Die Polizei ermittelt seit dem 3. Mai." } },
	/* in English a number's dot ends a sentence */
	{ "The death toll rose to 12. Officials said more were missing.", "en",
		{ "The death toll rose to 12.", "Officials said more were missing." } },
	/* abbreviations before a lowercase word or a figure, single letters */
	{ "Kunden sollten ggf. den Anbieter wechseln, z. B. online. Es kostet 2,5 Mio. Euro.", "de",
		{ "Kunden sollten ggf. den Anbieter wechseln, z. B. online.", "Es kostet 2,5 Mio. Euro." } },
	{ "Le prix a baissé env. de moitié. Mme Durand l'a confirmé.", "fr",
		{ "Le prix a baissé env. de moitié.", "Mme Durand l'a confirmé." } },
	{ "Цены выросли на 5 проц. и ещё растут. Это много.", "ru",
		{ "Цены выросли на 5 проц. и ещё растут.", "Это много." } },
	/* an abbreviation before a figure; a word before one ends its sentence */
	{ "Nach Art. 5 GG ist die Presse frei. Das Gericht sah es so.", "de",
		{ "Nach Art. 5 GG ist die Presse frei.", "Das Gericht sah es so." } },
	{ "Le texte (art. 49.3) a été adopté. L'opposition proteste.", "fr",
		{ "Le texte (art. 49.3) a été adopté.", "L'opposition proteste." } },
	{ "Numbers talk. 91% of clients renew.", "en", { "Numbers talk.", "91% of clients renew." } },
	/* a street in an address, "Straße" cut to "str." */
	{ "Die Praxis zieht in die Bahnhofstr. 12 um. Sie öffnet am Montag.", "de",
		{ "Die Praxis zieht in die Bahnhofstr. 12 um.", "Sie öffnet am Montag." } },
	/* Spanish plurals and ordinals; a Roman numeral still ends a sentence */
	{ "EE. UU. anunció aranceles. El Betis sube al 4.º puesto.", "es",
		{ "EE. UU. anunció aranceles.", "El Betis sube al 4.º puesto." } },
	{ "He fought in World War II. It changed him.", "en",
		{ "He fought in World War II.", "It changed him." } },
	/* a quotation's close stays with it, and a sentence that goes on past one is one */
	{ "Il a dit : « Nous verrons. » Puis il est parti.", "fr",
		{ "Il a dit : « Nous verrons. »", "Puis il est parti." } },
	{ "Il a dit : « Nous verrons.\xc2\xa0» Puis il est parti.", "fr",
		{ "Il a dit : « Nous verrons. »", "Puis il est parti." } }, /* white space folded */
	{ "«¿Quién va a pagar?», preguntó. Nadie respondió.", "es",
		{ "«¿Quién va a pagar?», preguntó.", "Nadie respondió." } },
	{ "Er sagte: „Wir kommen.“ Dann ging er. Sie rief „vom Metzger!“. Dann aß sie.", "de",
		{ "Er sagte: „Wir kommen.“", "Dann ging er.", "Sie rief „vom Metzger!“.", "Dann aß sie." } },
	{ "\xe2\x80\x9c" "Are you sure?\xe2\x80\x9d she asked. He was.", "en",
		{ "\xe2\x80\x9c" "Are you sure?\xe2\x80\x9d she asked.", "He was." } },
};

static void sentences_split_as_each_language_writes(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(splits); i++) {
		size_t n, want = 0;
		char **s = summarize_sentences(splits[i].text, splits[i].lang, &n);

		while (want < 4 && splits[i].want[want])
			want++;
		if (n != want)
			fail_msg("row %zu: %zu sentences, %zu wanted (first: '%s')", i, n, want,
				n ? s[0] : "");
		for (size_t k = 0; k < n; k++) {
			assert_string_equal(s[k], splits[i].want[k]);
			free(s[k]);
		}
		free(s);
	}
}

static void chinese_sentences_split_at_full_stops(void **state)
{
	size_t n;
	/* 公司发布了新模型。价格下降八成！会持续吗？“是的。” */
	char **s = summarize_sentences("\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe4\xba\x86\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82"
				       "\xe4\xbb\xb7\xe6\xa0\xbc\xe4\xb8\x8b\xe9\x99\x8d\xe5\x85\xab\xe6\x88\x90\xef\xbc\x81"
				       "\xe4\xbc\x9a\xe6\x8c\x81\xe7\xbb\xad\xe5\x90\x97\xef\xbc\x9f"
				       "\xe2\x80\x9c\xe6\x98\xaf\xe7\x9a\x84\xe3\x80\x82\xe2\x80\x9d",
		"zh", &n);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(s[0], "\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe4\xba\x86\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82");
	/* the closing quote stays with its sentence */
	assert_string_equal(s[3], "\xe2\x80\x9c\xe6\x98\xaf\xe7\x9a\x84\xe3\x80\x82\xe2\x80\x9d");
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void three_different_points_in_article_order(void **state)
{
	const char *text =
		"Harbor Semiconductor said on Monday it will build a chip plant in Arizona for $12 billion. "
		"Harbor Semiconductor said on Monday it will build a chip plant in Arizona for 12 billion dollars.\n\n"
		"The plant will make accelerators for AI data centres and employ 3,000 people when it opens in 2029.\n\n"
		"Harbor's chief executive said demand for accelerators has outstripped supply for two years.\n\n"
		"Analysts said the plant would ease shortages but warned that water supply in Arizona is tight.\n\n"
		"State officials offered tax credits worth about $900 million over ten years, according to "
		"a filing, and the city will widen the road to the site.\n\n"
		"Construction is due to start next spring, once the company has its permits.\n\n"
		"Harbor's shares rose after the announcement, closing at a record in New York.\n\n"
		"The company already runs two plants in Oregon, where it makes networking chips, and "
		"said the Arizona site would be its first to make accelerators at scale.\n\n"
		"It will buy most of its equipment from suppliers in the Netherlands and Japan, and "
		"expects the first wafers to come off the line in the second half of 2029.\n\n"
		"The weather was nice.";
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Harbor Semiconductor to build $12 billion chip plant in Arizona",
				 text, 240, NULL, &s), 0);
	assert_int_equal(s.npoints, 3);
	assert_string_equal(s.headline, "Harbor Semiconductor to build $12 billion chip plant in Arizona");
	assert_string_equal(s.emoji, "\xf0\x9f\x92\xbb"); /* chip */
	/* the near-duplicate second sentence is never picked beside the first */
	for (size_t i = 0; i < s.npoints; i++)
		for (size_t j = i + 1; j < s.npoints; j++)
			assert_string_not_equal(s.points[i], s.points[j]);
	assert_non_null(strstr(s.points[0], "Arizona"));
	for (size_t i = 0; i < s.npoints; i++)
		assert_null(strstr(s.points[i], "weather"));
	summary_release(&s);
}

/* Menus and notices taken for the article: one point, not three of them. */
static void a_text_that_says_nothing_gets_one_point(void **state)
{
	const char *text = "Local News Your Way: Get the headlines delivered to your inbox.\n\n"
			   "Share your pictures: Upload photos and browse others in our gallery.\n\n"
			   "Community Calendar.\n\n"
			   "Discuss the news: Talk about the latest headlines in our forums.";
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Ferry timetable changes", text, 240, NULL, &s), 0);
	assert_int_equal(s.npoints, 1);
	assert_true(s.thin);
	summary_release(&s);
	/* one sentence that says something is enough for a summary of it */
	assert_int_equal(summarize_extractive("Ferry timetable changes",
				 "The harbour ferry will run every ten minutes from Monday.\n\nCommunity Calendar.",
				 240, NULL, &s), 0);
	assert_false(s.thin);
	summary_release(&s);
}

/*
 * Local copy opens with its place alone and a dash: the article's first
 * point goes without it; a later sentence that opens so keeps its words.
 */
static void a_place_alone_leaves_the_first_point(void **state)
{
	const char *text =
		"Leipzig \xe2\x80\x93 In Leipzig muss der neue Oberb\xc3\xbcrgermeister in einer "
		"Stichwahl bestimmt werden.\n\n"
		"Die Wahlbeteiligung lag bei 47 Prozent und damit etwas h\xc3\xb6her als vor sieben "
		"Jahren.\n\n"
		"Der Amtsinhaber \xe2\x80\x93 Renner lag mit 38 Prozent der Stimmen vorn, vor der "
		"Herausforderin Lehmann.\n\n"
		"Im Wahlkampf hatten vor allem der Nahverkehr und die Mieten eine gro\xc3\x9f" "e Rolle "
		"gespielt, denn die Stadt w\xc3\xa4" "chst seit Jahren. Die Ausz\xc3\xa4hlung dauerte "
		"l\xc3\xa4nger als erwartet, weil in mehreren Wahllokalen nachgez\xc3\xa4hlt werden "
		"musste. Der Wahlausschuss will das amtliche Ergebnis am Mittwoch bekanntgeben.";
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Stichwahl in Leipzig", text, 240, NULL, &s), 0);
	assert_string_equal(s.points[0], "In Leipzig muss der neue Oberb\xc3\xbcrgermeister in "
					 "einer Stichwahl bestimmt werden.");
	assert_int_equal(s.npoints, 3);
	assert_true(!strncmp(s.points[2], "Der Amtsinhaber \xe2\x80\x93 Renner lag", 30));
	summary_release(&s);
}

/* A photo with its caption and teaser, and an about box: no key point from them. */
static void no_point_from_a_box_beside_the_story(void **state)
{
	const char *text =
		"Harbour workers gather at the gates of the ferry terminal on Thursday. A strike "
		"closed the ferry terminal for a day, the longest stoppage in ten years.(Harbor Wire)\n\n"
		"The ferry terminal closed for a day on Thursday when 400 harbour workers went on strike "
		"over pay.\n\n"
		"The strike stopped ferries to the islands, and the harbour board said 12,000 passengers "
		"were turned away.\n\n"
		"The union said its members would return to work on Friday while talks over pay go on.\n\n"
		"Harbor Notes is a weblog devoted to the ferry terminal and its workers. We have written "
		"about the harbour and its ferries since 2009, and about its workers above all.";
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Harbour strike closes ferry terminal", text, 240, NULL, &s), 0);
	assert_int_equal(s.npoints, 3);
	for (size_t i = 0; i < s.npoints; i++) {
		assert_null(strstr(s.points[i], "gates"));
		assert_null(strstr(s.points[i], "longest stoppage"));
		assert_null(strstr(s.points[i], "weblog"));
		assert_null(strstr(s.points[i], "since 2009"));
	}
	summary_release(&s);
}

static void long_sentences_are_cut_at_a_boundary(void **state)
{
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("T",
				 "This sentence is a great deal longer than the limit allows, and so it must be "
				 "shortened at a word boundary with an ellipsis at the end.",
				 60, NULL, &s), 0);
	assert_int_equal(s.npoints, 1);
	assert_true(text_chars(s.points[0]) <= 60);
	assert_non_null(strstr(s.points[0], "\xe2\x80\xa6"));
	summary_release(&s);
}

/* Each headline gets the emoji of what it is about, in each language it knows. */
static void emoji_fits_the_headline(void **state)
{
	static const struct {
		const char *headline, *emoji;
	} cases[] = {
		{ "Meridian AI releases open-weights model that runs on a single consumer GPU",
			"\xf0\x9f\xa7\xa0" }, /* 🧠 a model, not a chip */
		{ "Why speculative decoding is quietly halving inference bills", "\xf0\x9f\xa7\xa0" },
		{ "EU AI Office issues its first fines under the AI Act", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "New lawsuit over AI art", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "Quill Health wins approval for AI that drafts radiology reports", "\xf0\x9f\xa9\xba" },
		{ "Cobalt Compute raises $400 million to build inference clusters", "\xf0\x9f\x92\xb0" },
		{ "Harbor Semiconductor picks Arizona for its first accelerator plant",
			"\xf0\x9f\x92\xbb" },
		{ "Sable Security finds prompt injection in 9 of 12 AI agents", "\xf0\x9f\x94\x92" },
		{ "Data centres strain Verdant Grid's network", "\xe2\x9a\xa1" },
		{ "Stratus Cloud outage takes down apps for seven hours", "\xe2\x98\x81\xef\xb8\x8f" },
		{ "Kestrel Foundation launches an evaluation suite", "\xf0\x9f\x94\xac" },
		{ "Lumen's chief executive steps down", "\xf0\x9f\x91\xa4" },
		{ "Quanta Silicon revenue jumps on networking demand", "\xf0\x9f\x93\x88" },
		{ "Bank profits rise in the third quarter", "\xf0\x9f\x93\x88" }, /* "ban" is no "bank" */
		{ "Lawn care in a dry summer", "\xf0\x9f\x93\xb0" }, /* nor "law" a "lawn" */
		{ "Claw machines at the fair", "\xf0\x9f\x93\xb0" },
		{ "北辰机器人人形机器人进厂打工，首批100台上岗", "\xf0\x9f\xa4\x96" },
		{ "灵犀大模型API价格下调八成", "\xf0\x9f\xa7\xa0" },
		{ "深穹算力发布新一代推理芯片，能效比提升2.5倍", "\xf0\x9f\x92\xbb" },
		{ "欧盟对搜索公司开出24亿欧元罚款", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "青禾医疗病理AI获批三类证", "\xf0\x9f\xa9\xba" },
		{ "云岫科技完成新一轮融资", "\xf0\x9f\x92\xb0" },
		{ "Carrier plans to lay off 4,000 workers", "\xf0\x9f\x92\xbc" },
		{ "6月服务业PMI跌至五个月最低", "\xf0\x9f\x93\x88" },
		{ "“互联网+”行动指导意见公布", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "Drought shrinks the lake to a record low", "\xf0\x9f\x8c\xbf" },
		{ "Leafs fire their coach after a losing streak", "\xf0\x9f\x8f\x85" },
		{ "The band's new album leaves its label", "\xf0\x9f\x8e\xac" },
		/* German, French, Spanish: a German noun as written, its inflection by a stem */
		{ "Streiks legen den Fernverkehr lahm", "\xf0\x9f\x92\xbc" },
		{ "Bundesregierung legt Gesetz zur Rente vor", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "Stichwahl in Leipzig am 17. November", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "Die Auswahl der Woche", "\xf0\x9f\x93\xb0" }, /* no "Wahl" */
		{ "Strompreise steigen zum 1. Januar", "\xe2\x9a\xa1" },
		{ "Grève des contrôleurs aériens : des vols annulés", "\xf0\x9f\x92\xbc" },
		{ "La sécheresse vide les barrages du Sud", "\xf0\x9f\x8c\xbf" },
		{ "La sequía obliga a restringir el riego", "\xf0\x9f\x8c\xbf" },
		{ "El Gobierno aprueba el decreto de vivienda", "\xe2\x9a\x96\xef\xb8\x8f" },
		{ "Climax of the season", "\xf0\x9f\x93\xb0" }, /* "clima" is whole */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		if (strcmp(emoji_pick(NULL, cases[i].headline, NULL), cases[i].emoji))
			fail_msg("'%s' got %s, expected %s", cases[i].headline,
				emoji_pick(NULL, cases[i].headline, NULL), cases[i].emoji);
	/* without a word in the headline, the article's lead decides when it names the topic twice */
	assert_string_equal(emoji_pick(NULL, "A quiet week", "The robot fleet grew, humanoid units too."),
		"\xf0\x9f\xa4\x96");
	assert_string_equal(emoji_pick(NULL, "A quiet week", "The band thanked its security staff."),
		"\xf0\x9f\x93\xb0");
}

/* The rules come from summarizer.emoji in the file; mistakes name their line. */
static void emoji_rules_load_from_the_configuration(void **state)
{
	static const struct {
		const char *yaml;
		const char *error; /* NULL: loads */
	} cases[] = {
		{ "summarizer:\n  emoji:\n    - {emoji: \"\xf0\x9f\xa4\x96\", words: [robot, humanoid]}\n"
		  "    - emoji: \"\xf0\x9f\x92\xbe\"\n      words: chip\n", NULL },
		{ "summarizer:\n  emoji:\n    - {emoji: \"\xf0\x9f\xa4\x96\"}\n",
		  ":3: summarizer.emoji entry needs 'words'" },
		{ "summarizer:\n  emoji:\n    - {emoji: x, words: [a], colour: red}\n",
		  ":3: summarizer.emoji entry: unknown option 'colour'" },
		{ "summarizer:\n  emoji:\n    - {emoji: [x, y], words: [a]}\n",
		  "emoji takes one value, not a list" },
		{ "summarizer:\n  emoji:\n    - {emoji: not-one-emoji-at-all, words: [a]}\n",
		  "is not one emoji" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = unit_write_tmp(cases[i].yaml), err[512] = "";
		struct config *cfg = config_new();
		struct emoji_rules rules;

		assert_int_equal(config_load_file(cfg, path, err, sizeof(err)), 0);
		if (!cases[i].error) {
			assert_int_equal(emoji_rules_load(&cfg->summarizer_emoji, &rules, err,
				sizeof(err)), 0);
			assert_int_equal(rules.n, 2);
			assert_string_equal(rules.v[1].emoji, "\xf0\x9f\x92\xbe");
			assert_string_equal(rules.v[0].words.v[1], "humanoid");
			assert_string_equal(emoji_pick(&rules, "A chip", NULL), "\xf0\x9f\x92\xbe");
		} else {
			assert_int_equal(emoji_rules_load(&cfg->summarizer_emoji, &rules, err,
				sizeof(err)), -1);
			if (!strstr(err, cases[i].error))
				fail_msg("case %zu: '%s' lacks '%s'", i, err, cases[i].error);
		}
		emoji_rules_release(&rules);
		config_free(cfg);
		unlink(path);
		free(path);
	}
}

static void emoji_table_from_config_replaces_the_built_in_one(void **state)
{
	char *robot_words[] = { "rover", "\xe7\x81\xab\xe6\x98\x9f" }; /* 火星 */
	char *chip_words[] = { "wafer" };
	struct emoji_rule rules[] = {
		{ "\xf0\x9f\x9a\x80", { robot_words, 2 } },
		{ "\xf0\x9f\x92\xbe", { chip_words, 1 } },
	};
	struct emoji_rules table = { rules, 2 };

	(void)state;
	/* the headline wins over the text, which alone must name the topic twice */
	assert_string_equal(emoji_pick(&table, "Wafer prices fall", "a rover"), "\xf0\x9f\x92\xbe");
	assert_string_equal(emoji_pick(&table, "Quarterly report", "the rover landed on \xe7\x81\xab\xe6\x98\x9f"),
		"\xf0\x9f\x9a\x80");
	assert_string_equal(emoji_pick(&table, "\xe7\x81\xab\xe6\x98\x9f\xe6\x8e\xa2\xe6\xb5\x8b", NULL), "\xf0\x9f\x9a\x80");
	/* a configured table replaces the built-in words entirely */
	assert_string_equal(emoji_pick(&table, "New GPU chip", NULL), "\xf0\x9f\x93\xb0");
}

static void extractive_summary_tags_names_the_title_shares(void **state)
{
	struct summary s;

	(void)state;
	assert_int_equal(summarize_extractive("Northwind Labs releases Atlas 2 model",
				 "Northwind Labs released Atlas 2 on Tuesday, a model that writes code. "
				 "The company said Atlas 2 scores 71 percent on its internal benchmark. "
				 "Northwind Labs will charge developers per token from March.",
				 240, NULL, &s), 0);
	assert_string_equal(s.lang, "en");
	assert_true(s.ntags >= 1);
	for (size_t i = 0; i < s.ntags; i++)
		assert_non_null(strcasestr("Northwind Labs releases Atlas 2 model", s.tags[i]));
	summary_release(&s);
}

static void datelines_and_bylines_are_stripped(void **state)
{
	(void)state;
	assert_string_equal(summarize_strip_dateline("BEIJING, Nov 3 (Reuters) - Chip exports rose."), "Chip exports rose.");
	assert_string_equal(summarize_strip_dateline("SAN FRANCISCO \xe2\x80\x94 The startup raised $40 million."), "The startup raised $40 million.");
	assert_string_equal(summarize_strip_dateline("KUALA LUMPUR, Malaysia (AP) -- The cabinet met."), "The cabinet met.");
	assert_string_equal(summarize_strip_dateline("WASHINGTON (AP) Congress asked for an inquiry."), "Congress asked for an inquiry.");
	assert_string_equal(summarize_strip_dateline("LCI (Life Cycle Impulse) nennt es BMW."), "LCI (Life Cycle Impulse) nennt es BMW.");
	assert_string_equal(summarize_strip_dateline("(KBoM) entwickelt Modelle."), "(KBoM) entwickelt Modelle.");
	assert_string_equal(summarize_strip_dateline("STORRS, Conn.: A.J. Price scored 25 points."), "A.J. Price scored 25 points.");
	/* a place written as a name, an agency in brackets, a dash */
	assert_string_equal(summarize_strip_dateline("Berlin (dpa) \xe2\x80\x93 Die Regierung legt einen Plan vor."), "Die Regierung legt einen Plan vor.");
	assert_string_equal(summarize_strip_dateline("Madrid, 3 nov (EFE).- El Gobierno aprob\xc3\xb3 un plan."), "El Gobierno aprob\xc3\xb3 un plan.");
	assert_string_equal(summarize_strip_dateline("Paris (AFP). Le gouvernement a parl\xc3\xa9."), "Paris (AFP). Le gouvernement a parl\xc3\xa9.");
	/* a date's dots, abbreviated or ordinal; a party after a name is no agency */
	assert_string_equal(summarize_strip_dateline("Lyon, 3 oct. (AFP) \xe2\x80\x93 Le conseil a vot\xc3\xa9."), "Le conseil a vot\xc3\xa9.");
	assert_string_equal(summarize_strip_dateline("Berlin, 3. Okt. (dpa) - Die Regierung tagt."), "Die Regierung tagt.");
	assert_string_equal(summarize_strip_dateline("Sevilla, 3 oct (Europa Press).- El alquiler sube."), "El alquiler sube.");
	/* in any alphabet */
	assert_string_equal(summarize_strip_dateline("Москва (ТАСС) — Правительство одобрило план."), "Правительство одобрило план.");
	assert_string_equal(summarize_strip_dateline("Санкт-Петербург, 3 ноября (Интерфакс) - Город выбрал мэра."), "Город выбрал мэра.");
	/* a party in lowercase letters of another alphabet is no agency; Han has no capitals */
	assert_string_equal(summarize_strip_dateline("华为 (Huawei) - 这家公司发布了新手机。"), "华为 (Huawei) - 这家公司发布了新手机。");
	assert_string_equal(summarize_strip_dateline("Иван (без партии) — Мэр ушёл."), "Иван (без партии) — Мэр ушёл.");
	assert_string_equal(summarize_strip_dateline("Lyon (again and again) - Le conseil vote."), "Lyon (again and again) - Le conseil vote.");
	assert_string_equal(summarize_strip_dateline("Olaf Scholz (SPD) \xe2\x80\x93 der Kanzler \xe2\x80\x93 schwieg."), "Olaf Scholz (SPD) \xe2\x80\x93 der Kanzler \xe2\x80\x93 schwieg.");
	assert_string_equal(summarize_strip_dateline("Berlin (dpa) \xe2\x80\x93"), "Berlin (dpa) \xe2\x80\x93");
	assert_string_equal(summarize_strip_dateline("Hamberger, J. (2021): Die Studie zeigt es."), "Hamberger, J. (2021): Die Studie zeigt es.");
	/* a place alone before a dash, as local copy opens */
	assert_string_equal(summarize_strip_place("Leipzig \xe2\x80\x93 In Leipzig wird gew\xc3\xa4hlt."), "In Leipzig wird gew\xc3\xa4hlt.");
	assert_string_equal(summarize_strip_place("Frankfurt am Main - Die Bahn streikt."), "Die Bahn streikt.");
	assert_string_equal(summarize_strip_place("\xc3\x9c" "berlingen \xe2\x80\x94 Der See ist warm."), "Der See ist warm.");
	assert_string_equal(summarize_strip_place("Gold \xe2\x80\x93 das ist teuer."), "Gold \xe2\x80\x93 das ist teuer.");
	assert_string_equal(summarize_strip_place("Die Zahl der Toten stieg - Das meldet die Polizei."), "Die Zahl der Toten stieg - Das meldet die Polizei.");
	assert_string_equal(summarize_strip_place("In 2024 - Die Wahl."), "In 2024 - Die Wahl.");
	assert_string_equal(summarize_strip_place("Leipzig \xe2\x80\x93 "), "Leipzig \xe2\x80\x93 ");
	assert_string_equal(summarize_strip_place(""), "");
	assert_string_equal(summarize_strip_dateline("Prices rose (again) in the last week of trading - a record."), "Prices rose (again) in the last week of trading - a record.");
	assert_string_equal(summarize_strip_dateline("AI labs - a field guide."), "AI labs - a field guide.");
	assert_string_equal(summarize_strip_dateline("The U.S. said - nothing."), "The U.S. said - nothing.");
	/* writers' names in capitals run into the text; one word in capitals is the text's */
	assert_string_equal(summarize_strip_dateline("JANE DOE and JOHN ROE It will take a record to win."), "It will take a record to win.");
	assert_string_equal(summarize_strip_dateline("JANE DOE The ferry sank."), "The ferry sank.");
	assert_string_equal(summarize_strip_dateline("PRINCESS Anne's yacht sank."), "PRINCESS Anne's yacht sank.");
	assert_string_equal(summarize_strip_dateline("NATO and EU leaders met."), "NATO and EU leaders met.");
	/* 新华社北京11月3日电 国产芯片出口增长。 */
	assert_string_equal(summarize_strip_dateline("\xe6\x96\xb0\xe5\x8d\x8e\xe7\xa4\xbe\xe5\x8c\x97\xe4\xba\xac" "11\xe6\x9c\x88" "3\xe6\x97\xa5\xe7\x94\xb5 \xe5\x9b\xbd\xe4\xba\xa7\xe8\x8a\xaf\xe7\x89\x87\xe5\x87\xba\xe5\x8f\xa3\xe5\xa2\x9e\xe9\x95\xbf\xe3\x80\x82"),
		"\xe5\x9b\xbd\xe4\xba\xa7\xe8\x8a\xaf\xe7\x89\x87\xe5\x87\xba\xe5\x8f\xa3\xe5\xa2\x9e\xe9\x95\xbf\xe3\x80\x82");
	/* （记者 张三）公司发布新模型。 */
	assert_string_equal(summarize_strip_dateline("\xef\xbc\x88\xe8\xae\xb0\xe8\x80\x85 \xe5\xbc\xa0\xe4\xb8\x89\xef\xbc\x89\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82"),
		"\xe5\x85\xac\xe5\x8f\xb8\xe5\x8f\x91\xe5\xb8\x83\xe6\x96\xb0\xe6\xa8\xa1\xe5\x9e\x8b\xe3\x80\x82");
	/* 电 as a word, not a dateline: 电池价格下降。 (battery prices fall) */
	assert_string_equal(summarize_strip_dateline("\xe7\x94\xb5\xe6\xb1\xa0\xe4\xbb\xb7\xe6\xa0\xbc\xe4\xb8\x8b\xe9\x99\x8d\xe3\x80\x82"),
		"\xe7\x94\xb5\xe6\xb1\xa0\xe4\xbb\xb7\xe6\xa0\xbc\xe4\xb8\x8b\xe9\x99\x8d\xe3\x80\x82");
}

static void chinese_points_are_central_and_different(void **state)
{
	/*
	 * 北辰科技发布新一代推理芯片，性能提升三倍。北辰科技发布新一代推理芯片，性能提升了三倍。
	 * 新芯片采用七纳米工艺，功耗下降四成。公司表示，芯片将于明年一季度量产。
	 * 分析人士认为，推理芯片市场竞争加剧。今天天气晴朗。
	 */
	const char *text =
		"\xe5\x8c\x97\xe8\xbe\xb0\xe7\xa7\x91\xe6\x8a\x80\xe5\x8f\x91\xe5\xb8\x83\xe6\x96\xb0\xe4\xb8\x80\xe4\xbb\xa3\xe6\x8e\xa8\xe7\x90\x86\xe8\x8a\xaf\xe7\x89\x87\xef\xbc\x8c\xe6\x80\xa7\xe8\x83\xbd\xe6\x8f\x90\xe5\x8d\x87\xe4\xb8\x89\xe5\x80\x8d\xe3\x80\x82"
		"\xe5\x8c\x97\xe8\xbe\xb0\xe7\xa7\x91\xe6\x8a\x80\xe5\x8f\x91\xe5\xb8\x83\xe6\x96\xb0\xe4\xb8\x80\xe4\xbb\xa3\xe6\x8e\xa8\xe7\x90\x86\xe8\x8a\xaf\xe7\x89\x87\xef\xbc\x8c\xe6\x80\xa7\xe8\x83\xbd\xe6\x8f\x90\xe5\x8d\x87\xe4\xba\x86\xe4\xb8\x89\xe5\x80\x8d\xe3\x80\x82\n\n"
		"\xe6\x96\xb0\xe8\x8a\xaf\xe7\x89\x87\xe9\x87\x87\xe7\x94\xa8\xe4\xb8\x83\xe7\xba\xb3\xe7\xb1\xb3\xe5\xb7\xa5\xe8\x89\xba\xef\xbc\x8c\xe5\x8a\x9f\xe8\x80\x97\xe4\xb8\x8b\xe9\x99\x8d\xe5\x9b\x9b\xe6\x88\x90\xe3\x80\x82"
		"\xe5\x85\xac\xe5\x8f\xb8\xe8\xa1\xa8\xe7\xa4\xba\xef\xbc\x8c\xe8\x8a\xaf\xe7\x89\x87\xe5\xb0\x86\xe4\xba\x8e\xe6\x98\x8e\xe5\xb9\xb4\xe4\xb8\x80\xe5\xad\xa3\xe5\xba\xa6\xe9\x87\x8f\xe4\xba\xa7\xe3\x80\x82\n\n"
		"\xe5\x88\x86\xe6\x9e\x90\xe4\xba\xba\xe5\xa3\xab\xe8\xae\xa4\xe4\xb8\xba\xef\xbc\x8c\xe6\x8e\xa8\xe7\x90\x86\xe8\x8a\xaf\xe7\x89\x87\xe5\xb8\x82\xe5\x9c\xba\xe7\xab\x9e\xe4\xba\x89\xe5\x8a\xa0\xe5\x89\xa7\xe3\x80\x82"
		"\xe4\xbb\x8a\xe5\xa4\xa9\xe5\xa4\xa9\xe6\xb0\x94\xe6\x99\xb4\xe6\x9c\x97\xe3\x80\x82";
	struct summary s;

	(void)state;
	/* 北辰科技发布推理芯片 */
	assert_int_equal(summarize_extractive("\xe5\x8c\x97\xe8\xbe\xb0\xe7\xa7\x91\xe6\x8a\x80\xe5\x8f\x91\xe5\xb8\x83\xe6\x8e\xa8\xe7\x90\x86\xe8\x8a\xaf\xe7\x89\x87",
				 text, 240, NULL, &s), 0);
	assert_int_equal(s.npoints, 3);
	assert_string_equal(s.lang, "zh");
	assert_string_equal(s.emoji, "\xf0\x9f\x92\xbb"); /* chip */
	/* the near-copy of the lead is passed over; the weather never makes it */
	for (size_t i = 0; i < s.npoints; i++) {
		assert_null(strstr(s.points[i], "\xe6\x8f\x90\xe5\x8d\x87\xe4\xba\x86")); /* 提升了 */
		assert_null(strstr(s.points[i], "\xe5\xa4\xa9\xe6\xb0\x94")); /* 天气 */
	}
	/* the lead comes first */
	assert_non_null(strstr(s.points[0], "\xe6\x80\xa7\xe8\x83\xbd\xe6\x8f\x90\xe5\x8d\x87\xe4\xb8\x89\xe5\x80\x8d")); /* 性能提升三倍 */
	summary_release(&s);
}

/* Length is no news value: a long article is not more important than a short one. */
static void importance_is_not_length(void **state)
{
	struct buf long_text;
	struct summary a, b;
	const char *para = "The council approved the budget after a long debate about schools. ";

	(void)state;
	buf_init(&long_text, 1 << 20);
	for (int i = 0; i < 60; i++)
		buf_addstr(&long_text, para);
	assert_int_equal(summarize_extractive("Budget passes", para, 240, NULL, &a), 0);
	assert_int_equal(summarize_extractive("Budget passes", long_text.data, 240, NULL, &b), 0);
	assert_true(a.importance == b.importance);
	summary_release(&a);
	summary_release(&b);
	buf_release(&long_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_sentences_respect_abbreviations),
		cmocka_unit_test(chinese_sentences_split_at_full_stops),
		cmocka_unit_test(sentences_split_as_each_language_writes),
		cmocka_unit_test(three_different_points_in_article_order),
		cmocka_unit_test(a_text_that_says_nothing_gets_one_point),
		cmocka_unit_test(a_place_alone_leaves_the_first_point),
		cmocka_unit_test(no_point_from_a_box_beside_the_story),
		cmocka_unit_test(long_sentences_are_cut_at_a_boundary),
		cmocka_unit_test(emoji_fits_the_headline),
		cmocka_unit_test(emoji_rules_load_from_the_configuration),
		cmocka_unit_test(emoji_table_from_config_replaces_the_built_in_one),
		cmocka_unit_test(extractive_summary_tags_names_the_title_shares),
		cmocka_unit_test(datelines_and_bylines_are_stripped),
		cmocka_unit_test(chinese_points_are_central_and_different),
		cmocka_unit_test(importance_is_not_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
