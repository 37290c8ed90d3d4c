/*
 * Feed parsing alone, single-threaded: parses each FILE ROUNDS times and
 * prints feeds/s, MB/s and entries/s.
 *
 * Usage: bench-feed-parse ROUNDS FILE...
 */
#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "feed.h"
#include "common.h"

int main(int argc, char **argv)
{
	struct corpus c;
	int64_t rounds, started, entries = 0;
	double s;

	if (argc < 3 || parse_int64(argv[1], 1, 1000000, &rounds)) {
		fprintf(stderr, "usage: bench-feed-parse ROUNDS FILE...\n");
		return 2;
	}
	if (corpus_load(&c, argv + 2, (size_t)argc - 2))
		return 1;
	started = mono_ms();
	for (int64_t r = 0; r < rounds; r++) {
		for (int i = 2; i < argc; i++) {
			struct feed feed;
			char err[256];

			if (feed_parse(c.docs[i - 2].data, c.docs[i - 2].len, "http://bench.example/feed", NULL, &feed,
				    err, sizeof(err))) {
				fprintf(stderr, "%s: %s\n", argv[i], err);
				return 1;
			}
			entries += (int64_t)feed.n;
			feed_release(&feed);
		}
	}
	s = (double)(mono_ms() - started) / 1000.0;
	printf("feeds/s %.0f   MB/s %.1f   entries/s %.0f   (%d feeds x %lld rounds, %.2f MB each round)\n",
		(double)(argc - 2) * (double)rounds / s, (double)c.bytes * (double)rounds / s / 1048576.0,
		(double)entries / s, argc - 2, (long long)rounds, (double)c.bytes / 1048576.0);
	corpus_free(&c);
	return 0;
}
