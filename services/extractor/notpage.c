#include "notpage.h"

#include <string.h>
#include <strings.h>

#include "common.h"

/* What says a page is missing or failed. */
static const char *const missing[] = {
	"404", "410", "not found", "cannot be found", "can't be found", "could not be found",
	"removed", "deleted", "no longer available", "not available", "unavailable",
	"does not exist", "doesn't exist", "error",
	"nicht gefunden", "existiert nicht", "nicht verfügbar", "gelöscht", "entfernt", "fehler",
	"introuvable", "non trouvée", "n'existe pas", "n’existe pas", "supprimée", "erreur",
	"no encontrada", "no encontrado", "no existe", "eliminada",
	"non trovata", "non esiste", "errore",
	"не найдена", "не найден", "ошибка", "Ошибка",
	"不存在", "找不到", "未找到", "错误", "錯誤", "見つかりません", "エラー",
	"찾을 수 없습니다", "오류",
};

/* The other words such a notice is written with. */
static const char *const filler[] = {
	"page", "file", "document", "the", "this", "that", "an", "a", "has", "have", "been",
	"is", "was", "occurred", "sorry", "oops", "http", "we're", "we are", "requested", "you",
	"seite", "die", "datei", "diese", "wurde", "leider",
	"la", "le", "cette", "fichier", "a été", "désolé",
	"página", "esta", "lo sentimos",
	"pagina", "questa",
	"страница", "Страница",
	"页面", "网页", "您访问的", "頁面", "ページが", "ページ", "페이지를", "페이지",
};

/* Bytes that part words of a notice: spaces, punctuation, dashes. */
static size_t separator_len(const char *p)
{
	static const char *const wide[] = { "\xe2\x80\x93", "\xe2\x80\x94", "\xef\xbc\x9a",
		"\xef\xbc\x81", "\xef\xbc\x8c", "\xe3\x80\x82" }; /* – — ： ！ ， 。 */

	if (*p && strchr(" \t\r\n.,:;!?-|/()[]'\"*_", *p))
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(wide); i++)
		if (!strncmp(p, wide[i], 3))
			return 3;
	return 0;
}

static int is_word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Bytes of the longest phrase of list that opens p[0..end) as whole words; 0 when none does. */
static size_t phrase_len(const char *p, const char *end, const char *const *list, size_t n)
{
	size_t best = 0;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]);

		if (len > best && len <= (size_t)(end - p) && !strncasecmp(p, list[i], len) &&
			!(p + len < end && is_word_byte(list[i][len - 1]) && is_word_byte(p[len])))
			best = len;
	}
	return best;
}

/* 1 if s[0..end) is the words of a notice and no more, one of them saying the page is missing. */
static int part_says_missing(const char *p, const char *end)
{
	int said = 0;
	size_t len;

	while (p < end) {
		if ((len = separator_len(p))) {
			p += len;
		} else if ((len = phrase_len(p, end, missing, ARRAY_SIZE(missing)))) {
			p += len;
			said = 1;
		} else if ((len = phrase_len(p, end, filler, ARRAY_SIZE(filler)))) {
			p += len;
		} else {
			return 0;
		}
	}
	return said;
}

int notpage_says_missing(const char *s, int parts)
{
	static const char *const seps[] = { " - ", " | ", ": ", " : ", " \xe2\x80\x93 ",
		" \xe2\x80\x94 ", "_", " :: " };
	const char *p = s;

	if (!s)
		return 0;
	if (!parts)
		return part_says_missing(s, s + strlen(s));
	while (*p) {
		const char *next = NULL;
		size_t seplen = 0;

		for (size_t i = 0; i < ARRAY_SIZE(seps); i++) {
			const char *q = strstr(p, seps[i]);

			if (q && (!next || q < next))
				next = q, seplen = strlen(seps[i]);
		}
		if (part_says_missing(p, next ? next : p + strlen(p)))
			return 1;
		if (!next)
			break;
		p = next + seplen;
	}
	return 0;
}
