/*
 * The one C++ file: a C entry into CLD2 (Debian's libcld2, Chromium's
 * compact language detector), which has only a C++ interface. Nothing
 * here throws or allocates.
 */
#include <cstdio> /* compact_lang_det.h uses FILE without including it */
#include <cld2/public/compact_lang_det.h>
#include <cstring>


extern "C" const char *text_cld2_detect(const char *s, size_t len);

/*
 * The ISO 639-1 code of the language most of s is in, or NULL when CLD2
 * cannot tell. s need not be valid UTF-8: CLD2 checks and stops at the
 * first invalid byte.
 */
const char *text_cld2_detect(const char *s, size_t len)
{
	bool reliable = false;
	int valid = 0;
	/* CLD2 reads a buffer's first few kilobytes of letters well; 64 KiB is plenty. */
	int n = len > 65536 ? 65536 : (int)len;
	CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(s, n, true, &reliable, &valid);
	const char *code;

	if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
		return NULL;
	code = CLD2::LanguageCode(lang);
	/* "zh-Hant" is still Chinese; CLD2 keeps Hebrew's old code. */
	if (!strncmp(code, "zh", 2))
		return "zh";
	if (!strcmp(code, "iw"))
		return "he";
	return code;
}
