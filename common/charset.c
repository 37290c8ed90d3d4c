#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "common.h"

const char *charset_canonical(const char *label)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
		{ "utf-16", "UTF-16" }, { "utf-16le", "UTF-16LE" }, { "utf-16be", "UTF-16BE" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "gb18030", "GB18030" },
		{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "csgb2312", "GB18030" },
		{ "x-gbk", "GB18030" }, { "cp936", "GB18030" }, { "euc-cn", "GB18030" },
		{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" },
		{ "cn-big5", "BIG5-HKSCS" }, { "csbig5", "BIG5-HKSCS" },
		{ "shift_jis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
		{ "x-sjis", "SHIFT_JIS" }, { "ms_kanji", "SHIFT_JIS" }, { "windows-31j", "CP932" },
		{ "euc-jp", "EUC-JP" }, { "iso-2022-jp", "ISO-2022-JP" }, { "euc-kr", "EUC-KR" },
		{ "ks_c_5601-1987", "EUC-KR" }, { "koi8-r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
		{ "windows-1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
		{ "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
		{ "ascii", "WINDOWS-1252" }, { "windows-1250", "WINDOWS-1250" },
		{ "windows-1251", "WINDOWS-1251" }, { "windows-1253", "WINDOWS-1253" },
		{ "windows-1254", "WINDOWS-1254" }, { "windows-1256", "WINDOWS-1256" },
		{ "iso-8859-2", "ISO-8859-2" }, { "iso-8859-5", "ISO-8859-5" },
		{ "iso-8859-7", "ISO-8859-7" }, { "iso-8859-15", "ISO-8859-15" },
		{ "tis-620", "TIS-620" }, { "windows-874", "CP874" },
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

const char *charset_detect(const char *data, size_t len)
{
	const unsigned char *d = (const unsigned char *)data;
	size_t pairs = 0, low_trail = 0, kana = 0, lone_high = 0;

	if (text_utf8_valid(data, len))
		return "UTF-8";
	for (size_t i = 0; i < len; i++) {
		unsigned char b = d[i];

		if (b < 0x80)
			continue;
		if (b < 0x81 || b == 0xff || i + 1 >= len || d[i + 1] < 0x40) {
			lone_high++; /* a windows-1252 letter before ASCII */
			continue;
		}
		pairs++;
		if (d[i + 1] <= 0x7e)
			low_trail++;
		/* hiragana and katakana rows of Shift_JIS */
		if ((b == 0x82 && d[i + 1] >= 0x9f && d[i + 1] <= 0xf1) ||
			(b == 0x83 && d[i + 1] >= 0x40 && d[i + 1] <= 0x96))
			kana++;
		i++;
	}
	if (!pairs || lone_high > pairs)
		return "WINDOWS-1252";
	/* Japanese text is kana for a third or more; Chinese never is. */
	if (kana * 4 >= pairs)
		return "SHIFT_JIS";
	/*
	 * GB2312's characters all have trail bytes of 0xA1 and above; Big5 puts
	 * about half of its common characters on trail bytes 0x40-0x7E.
	 */
	if (low_trail * 5 >= pairs)
		return "BIG5-HKSCS";
	return "GB18030";
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
