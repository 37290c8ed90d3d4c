/*
 * libFuzzer target for the message decoder every stage runs on what it
 * consumes: any bytes, as each kind of message, decode or are refused with
 * a reason, never crash or leak. What decodes must encode again (the
 * contract a stage checks before producing), and any bytes must make a dead
 * letter that itself keeps its contract.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "msg.h"
#include "common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum msg_kind kinds[] = { MSG_PAGE, MSG_ARTICLE, MSG_SUMMARY, MSG_DIGEST,
		MSG_DEADLETTER };
	char err[512];
	json_t *dl;
	size_t len;
	char *s;

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		json_t *m = msg_decode(kinds[i], data, size, err, sizeof(err));

		if (!m)
			continue;
		s = msg_encode(kinds[i], m, &len, err, sizeof(err));
		if (!s)
			BUG("a decoded %s does not encode: %s", msg_schema_id(kinds[i]), err);
		free(s);
		json_decref(m);
	}
	dl = msg_deadletter("fuzz", "fuzzed", "precis.pages", 0, 0, data, size < 32 ? size : 32, data,
		size);
	s = msg_encode(MSG_DEADLETTER, dl, &len, err, sizeof(err));
	if (!s)
		BUG("a dead letter of %zu bytes breaks its contract: %s", size, err);
	free(s);
	json_decref(dl);
	return 0;
}
