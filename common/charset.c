#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "text.h"
#include "common.h"

const char *charset_canonical(const char *label)
{
	/*
	 * WHATWG's labels for the encodings pages and feeds use, and the names
	 * uchardet answers with, each to the iconv name that decodes it as a
	 * browser would: a label of a subset names its superset.
	 */
	static const struct {
		const char *label, *name;
	} map[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
		{ "utf-16", "UTF-16" }, { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
		{ "utf-32", "UTF-32" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "gb18030", "GB18030" },
		{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "csgb2312", "GB18030" },
		{ "x-gbk", "GB18030" }, { "cp936", "GB18030" }, { "euc-cn", "GB18030" },
		{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
		{ "cn-big5", "BIG5-HKSCS" }, { "csbig5", "BIG5-HKSCS" }, { "euc-tw", "EUC-TW" },
		{ "iso-2022-cn", "ISO-2022-CN" },
		{ "shift_jis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
		{ "x-sjis", "SHIFT_JIS" }, { "ms_kanji", "SHIFT_JIS" }, { "csshiftjis", "SHIFT_JIS" },
		{ "windows-31j", "CP932" }, { "euc-jp", "EUC-JP" }, { "x-euc-jp", "EUC-JP" },
		{ "iso-2022-jp", "ISO-2022-JP" },
		/* Browsers decode every EUC-KR label as windows-949 (UHC), its superset. */
		{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "ks_c_5601-1989", "CP949" },
		{ "ksc5601", "CP949" }, { "ksc_5601", "CP949" }, { "korean", "CP949" },
		{ "csksc56011987", "CP949" }, { "windows-949", "CP949" }, { "cp949", "CP949" },
		{ "uhc", "CP949" }, { "iso-2022-kr", "ISO-2022-KR" },
		{ "koi8-r", "KOI8-R" }, { "koi8", "KOI8-R" }, { "cskoi8r", "KOI8-R" },
		{ "koi8-u", "KOI8-U" }, { "koi8-ru", "KOI8-U" },
		{ "ibm866", "IBM866" }, { "cp866", "IBM866" }, { "866", "IBM866" },
		{ "csibm866", "IBM866" }, { "ibm855", "IBM855" }, { "cp855", "IBM855" },
		{ "ibm852", "IBM852" }, { "cp852", "IBM852" },
		{ "mac-cyrillic", "MAC-CYRILLIC" }, { "x-mac-cyrillic", "MAC-CYRILLIC" },
		{ "x-mac-ukrainian", "MAC-CYRILLIC" }, { "mac-centraleurope", "MAC-CENTRALEUROPE" },
		{ "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "x-cp1252", "WINDOWS-1252" }, { "iso-8859-1", "WINDOWS-1252" },
		{ "iso8859-1", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" }, { "windows-1250", "WINDOWS-1250" },
		{ "cp1250", "WINDOWS-1250" }, { "windows-1251", "WINDOWS-1251" },
		{ "cp1251", "WINDOWS-1251" }, { "x-cp1251", "WINDOWS-1251" },
		{ "windows-1253", "WINDOWS-1253" }, { "windows-1254", "WINDOWS-1254" },
		{ "windows-1255", "WINDOWS-1255" }, { "windows-1256", "WINDOWS-1256" },
		{ "windows-1257", "WINDOWS-1257" }, { "windows-1258", "WINDOWS-1258" },
		{ "iso-8859-2", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
		{ "iso-8859-3", "ISO-8859-3" }, { "iso-8859-4", "ISO-8859-4" },
		{ "iso-8859-5", "ISO-8859-5" }, { "cyrillic", "ISO-8859-5" },
		{ "iso-8859-6", "ISO-8859-6" }, { "arabic", "ISO-8859-6" },
		{ "iso-8859-7", "ISO-8859-7" }, { "greek", "ISO-8859-7" },
		{ "iso-8859-8", "ISO-8859-8" }, { "iso-8859-8-i", "ISO-8859-8" },
		{ "hebrew", "ISO-8859-8" }, { "iso-8859-9", "WINDOWS-1254" },
		{ "latin5", "WINDOWS-1254" }, { "iso-8859-10", "ISO-8859-10" },
		{ "iso-8859-11", "CP874" }, { "iso-8859-13", "ISO-8859-13" },
		{ "iso-8859-14", "ISO-8859-14" }, { "iso-8859-15", "ISO-8859-15" },
		{ "latin9", "ISO-8859-15" }, { "iso-8859-16", "ISO-8859-16" },
		{ "tis-620", "CP874" }, { "windows-874", "CP874" }, { "viscii", "VISCII" },
		{ "georgian-academy", "GEORGIAN-ACADEMY" }, { "georgian-ps", "GEORGIAN-PS" },
	};
	char l[40];
	size_t n = 0;

	if (!label)
		return NULL;
	while (isspace((unsigned char)*label) || *label == '"' || *label == '\'')
		label++;
	while (label[n] && n + 1 < sizeof(l) && !isspace((unsigned char)label[n]) &&
		label[n] != '"' && label[n] != '\'' && label[n] != ';') {
		l[n] = (char)tolower((unsigned char)label[n]);
		n++;
	}
	l[n] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(map[i].label, l))
			return map[i].name;
	return NULL;
}

const char *charset_bom(const char *data, size_t len, size_t *bom_len)
{
	const unsigned char *d = (const unsigned char *)data;

	if (len >= 3 && d[0] == 0xef && d[1] == 0xbb && d[2] == 0xbf)
		return *bom_len = 3, "UTF-8";
	if (len >= 2 && d[0] == 0xff && d[1] == 0xfe)
		return *bom_len = 2, "UTF-16LE";
	if (len >= 2 && d[0] == 0xfe && d[1] == 0xff)
		return *bom_len = 2, "UTF-16BE";
	*bom_len = 0;
	return NULL;
}

void charset_xml_declared(const char *data, size_t len, char *out, size_t size)
{
	const char *end, *enc, *p;
	size_t n = 0;
	char quote;

	out[0] = '\0';
	if (len < 6 || strncmp(data, "<?xml", 5))
		return;
	end = memmem(data, len < 512 ? len : 512, "?>", 2);
	if (!end)
		return;
	enc = memmem(data, (size_t)(end - data), "encoding", 8);
	if (!enc)
		return;
	p = enc + 8;
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return;
	quote = *p++;
	while (p + n < end && p[n] != quote && n + 1 < size) {
		out[n] = p[n];
		n++;
	}
	out[n] = '\0';
}

/*
 * uchardet decides within the first few kilobytes of real text; what lies
 * past this only costs time (it reads about 8 MB/s).
 */
#define DETECT_MAX_BYTES (128 * 1024)

const char *charset_detect(const char *data, size_t len)
{
	const char *name = NULL;
	uchardet_t ud;

	/* Most unlabelled text is UTF-8, and proving it is cheap and certain. */
	if (text_utf8_valid(data, len))
		return "UTF-8";
	ud = uchardet_new();
	if (!ud)
		return "WINDOWS-1252";
	if (!uchardet_handle_data(ud, data, len < DETECT_MAX_BYTES ? len : DETECT_MAX_BYTES)) {
		uchardet_data_end(ud);
		name = charset_canonical(uchardet_get_charset(ud));
	}
	uchardet_delete(ud);
	/* Every byte means something in windows-1252, so nothing is refused. */
	return name ? name : "WINDOWS-1252";
}

int charset_to_utf8(const char *data, size_t len, const char *charset, struct buf *out,
	char *errstr, size_t errsize)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	char chunk[8192];
	char *in = (char *)data;
	size_t left = len;
	int rc = 0;

	if (cd == (iconv_t)-1) {
		snprintf(errstr, errsize, "unknown encoding '%s'", charset);
		return -1;
	}
	while (left && !rc) {
		char *o = chunk;
		size_t room = sizeof(chunk);
		size_t r = iconv(cd, &in, &left, &o, &room);

		if (buf_add(out, chunk, (size_t)(o - chunk))) {
			snprintf(errstr, errsize, "text larger than %zu bytes as UTF-8", out->max);
			rc = -1;
			break;
		}
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL at the end: one bad byte becomes U+FFFD. */
		if (buf_addstr(out, "\xef\xbf\xbd")) {
			snprintf(errstr, errsize, "text larger than %zu bytes as UTF-8", out->max);
			rc = -1;
		}
		in++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	return rc;
}
