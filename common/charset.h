#ifndef PRECIS_CHARSET_H
#define PRECIS_CHARSET_H

#include <stddef.h>

#include "buf.h"

/*
 * Text of any encoding the web uses, made UTF-8 with glibc's iconv. Labels
 * are read as browsers read them: GB2312 and GBK as GB18030 (a superset:
 * pages labelled GB2312 use GBK characters), Big5 as Big5-HKSCS, EUC-KR as
 * windows-949, ISO-8859-1 and ASCII as windows-1252.
 */

/* The iconv name for an encoding label ("gbk" -> "GB18030"), or NULL when unknown. */
const char *charset_canonical(const char *label);

/* The encoding a byte order mark at the start names, with the mark's length; NULL without one. */
const char *charset_bom(const char *data, size_t len, size_t *bom_len);

/* The encoding an XML declaration names, into out ("" without one). */
void charset_xml_declared(const char *data, size_t len, char *out, size_t size);

/*
 * The encoding of bytes nothing labels: UTF-8 when they are valid UTF-8,
 * else what libuchardet makes of them (CJK multi-byte, Cyrillic, Greek,
 * Central European, ... code pages), read through charset_canonical();
 * windows-1252 when it cannot tell. Returns a static iconv name.
 */
const char *charset_detect(const char *data, size_t len);

/*
 * Appends data, in encoding charset (an iconv name), to out as UTF-8;
 * sequences invalid in that encoding become U+FFFD. Returns 0, or -1 with
 * errstr when iconv does not know the encoding or out is full.
 */
int charset_to_utf8(const char *data, size_t len, const char *charset, struct buf *out,
	char *errstr, size_t errsize);

#endif
