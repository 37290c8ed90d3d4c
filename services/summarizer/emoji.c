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

/* Endings of English inflection: "robots", "banned", "launches", "robotics". */
static size_t inflection(const char *p)
{
	static const char *const endings[] = { "ations", "ation", "ings", "ing", "ers", "er",
		"ics", "ic", "ies", "es", "ed", "al", "s", "d" };

	for (size_t i = 0; i < ARRAY_SIZE(endings); i++) {
		size_t n = strlen(endings[i]);

		if (!strncmp(p, endings[i], n) && !isalnum((unsigned char)p[n]))
			return n;
	}
	return isalnum((unsigned char)*p) ? SIZE_MAX : 0;
}

/* Text to look for words in: as written, and with ASCII folded to lowercase. */
struct hay {
	const char *text, *lower;
};

/*
 * A Latin word matches a whole word, inflected or not ("ban": "bans",
 * "banned", not "bank"); one ending in '*' is a stem ("regulat*":
 * "regulator", "regulation"); one with a capital matches as written ("Act",
 * not "act"). A Han word may sit anywhere, as Chinese has no spaces.
 */
static int has_word(const struct hay *hay, const char *word)
{
	size_t n = strlen(word);
	int stem = n && word[n - 1] == '*', cased = 0;
	char w[64];
	const char *in;

	if ((unsigned char)word[0] >= 0x80)
		return strstr(hay->text, word) != NULL;
	n -= (size_t)stem;
	if (!n || n >= sizeof(w))
		return 0;
	for (size_t i = 0; i < n; i++) {
		cased |= isupper((unsigned char)word[i]) != 0;
		w[i] = word[i];
	}
	w[n] = '\0';
	if (!cased)
		for (size_t i = 0; i < n; i++)
			w[i] = (char)tolower((unsigned char)w[i]);
	in = cased ? hay->text : hay->lower;
	for (const char *p = in; (p = strstr(p, w)); p++) {
		const char *after = p + n;

		if (p > in && isalnum((unsigned char)p[-1]))
			continue;
		if (stem)
			return 1;
		if (*after == w[n - 1] && isalpha((unsigned char)*after))
			after++; /* a doubled consonant: "banned", "shipping" */
		if (inflection(after) != SIZE_MAX)
			return 1;
	}
	return 0;
}

static void hay_init(struct hay *h, const char *text, size_t max)
{
	size_t n = strnlen(text, max);
	char *lower = xstrndup(text, n), *copy = xstrndup(text, n);

	/* A cut inside a character leaves a stray byte that no word matches: no harm. */
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	h->text = copy;
	h->lower = lower;
}

static void hay_release(struct hay *h)
{
	free((char *)h->text);
	free((char *)h->lower);
}

/*
 * What news is about, AI and technology first, most specific first: a tie
 * goes to the earlier row. Words of each language the extractor tells
 * apart that news is written in; German nouns, capitalised, match as
 * written, and a stem ("Streik*") is how German inflects and compounds
 * ("Streiks", "Streikrecht"), though not a compound it ends. "AI" itself names no topic in an AI digest and is left
 * out; so are words as common as "new".
 */
static const struct {
	const char *emoji;
	const char *words[64];
} builtin[] = {
	{ "\xf0\x9f\xa9\xba", /* 🩺 health */
		{ "health", "medical", "hospital", "patient", "doctor", "clinic", "drug", "FDA",
			"cancer", "disease", "vaccine", "radiology", "diagnos*", "医疗", "医院", "患者",
			"药物", "新药", "疾病", "癌症", "疫苗", "健康", "病理", "诊断",
			"Gesundheit*", "Krankenh*", "Klinik*", "Patient*", "Arzt", "Impf*", "Krebs",
			"santé", "hôpita*", "médecin*", "vaccin*", "salud", "paciente*", "vacuna*", NULL } },
	{ "\xf0\x9f\x94\x92", /* 🔒 security */
		{ "security", "breach", "hack", "vulnerab*", "malware", "ransomware", "privacy",
			"phishing", "prompt injection", "exploit", "安全", "漏洞", "黑客", "隐私",
			"泄露", "攻击",
			"Sicherheitslücke*", "Hacker*", "Datenschutz", "Cyberangriff*", "piratage",
			"cyberattaque*", "ciberataque*", NULL } },
	{ "\xe2\x9a\x96\xef\xb8\x8f", /* ⚖️ policy and law */
		{ "regulat*", "law", "court", "lawsuit", "sue", "fine", "ban", "antitrust",
			"policy", "Act", "ruling", "Commission", "lawmakers", "compliance",
			"government", "ministry", "parliament", "election", "监管", "法规", "法院",
			"诉讼", "罚款", "处罚", "政策", "禁令", "条例", "立法", "合规", "指导意见",
			"国务院", "政府",
			"Gesetz*", "Gerichts*", "Urteil*", "Regierung*", "Bundesregierung", "Bundestag", "Minister*",
			"Wahl*", "Stichwahl", "Parlament*", "Verbot*", "loi", "tribunal", "gouvernement",
			"ministre", "élection*", "parlement*", "député*", "ley", "Gobierno", "gobierno",
			"ministr*", "elecci*", "parlamento", "decreto", NULL } },
	{ "\xf0\x9f\x92\xb0", /* 💰 funding */
		{ "funding", "raise", "round", "Series", "valuation", "valued", "investor",
			"venture", "IPO", "融资", "估值", "领投", "投资", "上市", "募资",
			"Finanzierungsrunde", "levée de fonds", "ronda de financiaci*", NULL } },
	{ "\xf0\x9f\xa4\x9d", /* 🤝 deals */
		{ "acquire", "acquisition", "merger", "buys", "deal", "partnership", "收购",
			"并购", "合并", "合作", "签约",
			"Übernahme*", "rachat", "fusión", "adquisici*", NULL } },
	{ "\xf0\x9f\x93\x88", /* 📈 markets and the economy */
		{ "shares", "stock", "revenue", "earnings", "profit", "quarter", "sales", "economy",
			"economic", "inflation", "GDP", "PMI", "interest rate", "central bank", "股价",
			"股票", "营收", "利润", "财报", "股市", "指数", "经济", "通胀", "利率", "央行",
			"Wirtschaft*", "Konjunktur*", "Aktie*", "Börse*", "Umsatz*", "Inflation", "économie",
			"bourse", "croissance", "budget", "economía", "bolsa", "inflaci*", "presupuesto*",
			NULL } },
	{ "\xf0\x9f\x92\xbc", /* 💼 work */
		{ "layoff", "lay off", "jobs", "workers", "employees", "hiring", "strike", "union",
			"wage", "裁员", "招聘", "员工", "就业", "罢工", "工资",
			"Streik*", "Gewerkschaft*", "Arbeitskampf", "Stellenabbau", "Entlassung*", "grève*",
			"syndicat*", "licenciement*", "huelga*", "sindicat*", "despido*", "empleo", NULL } },
	{ "\xf0\x9f\xa4\x96", /* 🤖 robots */
		{ "robot", "humanoid", "drone", "autonomous", "self-driving", "机器人", "人形",
			"无人机", "自动驾驶", NULL } },
	{ "\xf0\x9f\x92\xbb", /* 💻 chips and hardware */
		{ "chip", "GPU", "semiconductor", "processor", "accelerator", "wafer", "foundry",
			"tape-out", "芯片", "半导体", "算力", "晶圆", "处理器", "显卡", "流片", NULL } },
	{ "\xe2\x9a\xa1", /* ⚡ energy */
		{ "energy", "grid", "electricity", "battery", "solar", "nuclear", "megawatt",
			"gigawatt", "emissions", "能源", "电力", "电网", "电池", "光伏", "核电", "碳排放",
			"Strom*", "Energie*", "Netzentgelt*", "Atomkraft*", "électricité", "énergie*",
			"nucléaire", "electricidad", "energía*", "eléctric*", NULL } },
	{ "\xe2\x98\x81\xef\xb8\x8f", /* ☁️ cloud and data centres */
		{ "cloud", "outage", "data centre", "data center", "datacenter", "server",
			"cooling", "云计算", "云服务", "宕机", "数据中心", "液冷", "服务器", NULL } },
	{ "\xf0\x9f\x94\xac", /* 🔬 research */
		{ "research", "study", "paper", "scientist", "benchmark", "evaluation", "lab",
			"university", "experiment", "研究", "论文", "科学家", "实验", "评测", "基准",
			"大学",
			"Studie*", "Forscher*", "Forschung*", "Universität*", "étude*", "chercheu*",
			"université*", "estudio*", "investigador*", "universidad*", NULL } },
	{ "\xf0\x9f\x91\xa4", /* 👤 people */
		{ "CEO", "chief executive", "founder", "resign", "steps down", "appoint",
			"hires", "dies", "interview", "辞职", "任命", "创始人", "离职", "首席执行官",
			"去世", "专访", NULL } },
	{ "\xf0\x9f\xa7\xa0", /* 🧠 models */
		{ "model", "LLM", "GPT", "chatbot", "open-weights", "open weights", "inference",
			"fine-tun*", "reasoning", "agent", "token", "decoding", "大模型", "模型", "推理",
			"智能体", "参数", "训练", "生成式", NULL } },
	{ "\xf0\x9f\x8c\xbf", /* 🌿 environment */
		{ "climate", "environment*", "pollution", "wildlife", "species", "drought", "flood",
			"wildfire", "气候", "环境", "污染", "野生动物", "洪水", "干旱",
			"Klima*", "Umwelt*", "Dürre", "Hochwasser", "climat*", "sécheresse", "environnement",
			"inondation*", "sequía", "clima", "climátic*", "medio ambiente", "embalse*", "inundaci*", NULL } },
	{ "\xf0\x9f\x8f\x85", /* 🏅 sport */
		{ "league", "tournament", "championship", "coach", "playoff", "NBA", "NFL", "NHL",
			"FIFA", "Olympic", "联赛", "冠军", "球队", "奥运", "比赛",
			"Bundesliga", "Meisterschaft", "Fußball*", "Olympia*", "Trainer*", "football",
			"championnat", "entraîneur", "Ligue", "fútbol", "Liga", "entrenador", "jornada*",
			NULL } },
	{ "\xf0\x9f\x8e\xac", /* 🎬 culture */
		{ "film", "movie", "album", "band", "singer", "actor", "actress", "novel",
			"festival", "museum", "电影", "音乐", "演员", "歌手", "小说",
			"Konzert*", "Musik*", "Kino*", "musée", "cinéma", "chanteu*", "película*", "museo*",
			"concierto*", "cantante*", NULL } },
	{ "\xf0\x9f\x9a\x80", /* 🚀 launches */
		{ "launch", "release", "unveil", "introduce", "debut", "ships", "发布", "推出",
			"上线", "亮相", "新品", NULL } },
};

/* Bytes of an article's text read for its topic: its lead, which says what it is about. */
#define EMOJI_LEAD_BYTES 2000

/* How many of a rule's words occur in hay. */
static size_t hits(const char *const *words, size_t n, const struct hay *hay)
{
	size_t h = 0;

	for (size_t w = 0; w < n && words[w]; w++)
		h += has_word(hay, words[w]);
	return h;
}

static size_t count_words(const char *const *words)
{
	size_t n = 0;

	while (words[n])
		n++;
	return n;
}

const char *emoji_pick(const struct emoji_rules *rules, const char *headline, const char *text)
{
	int builtin_rules = !rules || !rules->n;
	size_t nrules = builtin_rules ? ARRAY_SIZE(builtin) : rules->n, best = 0, best_score = 0;
	struct hay head, lead;

	hay_init(&head, headline ? headline : "", SIZE_MAX);
	hay_init(&lead, text ? text : "", EMOJI_LEAD_BYTES);
	for (size_t i = 0; i < nrules; i++) {
		const char *const *words = builtin_rules ? builtin[i].words
							 : (const char *const *)rules->v[i].words.v;
		size_t n = builtin_rules ? count_words(words) : rules->v[i].words.n;
		/*
		 * The headline says what the story is about; the lead breaks ties,
		 * and alone it must name the topic twice: one word in passing
		 * ("security" in a story about a band) is no topic.
		 */
		size_t in_lead = hits(words, n, &lead), score = 3 * hits(words, n, &head) + in_lead;

		if (score > best_score && (score > in_lead || in_lead >= 2))
			best = i, best_score = score;
	}
	hay_release(&head);
	hay_release(&lead);
	if (!best_score)
		return "\xf0\x9f\x93\xb0"; /* newspaper */
	return builtin_rules ? builtin[best].emoji : rules->v[best].emoji;
}
