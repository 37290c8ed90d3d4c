/*
 * Extraction alone, single-threaded, files in memory: runs extract_html on
 * each FILE ROUNDS times and prints pages/s and MB/s. (`precis extract`
 * also reads files and writes JSON; bench/extractor.sh measures that too.)
 *
 * Usage: bench-extract ROUNDS FILE...
 */
#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "extract.h"
#include "common.h"

int main(int argc, char **argv)
{
	struct corpus c;
	int64_t rounds, started;
	double s;

	if (argc < 3 || parse_int64(argv[1], 1, 1000000, &rounds)) {
		fprintf(stderr, "usage: bench-extract ROUNDS FILE...\n");
		return 2;
	}
	if (corpus_load(&c, argv + 2, (size_t)argc - 2))
		return 1;
	started = mono_ms();
	for (int64_t r = 0; r < rounds; r++) {
		for (int i = 2; i < argc; i++) {
			struct extract_result res;
			char err[256];

			if (extract_html(c.docs[i - 2].data, c.docs[i - 2].len, NULL, "http://bench.example/a", &res,
				    err, sizeof(err))) {
				fprintf(stderr, "%s: %s\n", argv[i], err);
				return 1;
			}
			extract_release(&res);
		}
	}
	s = (double)(mono_ms() - started) / 1000.0;
	printf("pages/s %.0f   MB/s %.1f   (%d pages x %lld rounds, %.2f MB each round)\n",
		(double)(argc - 2) * (double)rounds / s, (double)c.bytes * (double)rounds / s / 1048576.0,
		argc - 2, (long long)rounds, (double)c.bytes / 1048576.0);
	corpus_free(&c);
	return 0;
}
