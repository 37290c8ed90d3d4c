/*
 * Feed parsing alone, single-threaded: parses each FILE ROUNDS times and
 * prints feeds/s, MB/s and entries/s.
 *
 * Usage: bench-feed-parse ROUNDS FILE...
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "feed.h"
#include "common.h"

int main(int argc, char **argv)
{
	struct buf *docs;
	int64_t rounds, started, entries = 0;
	size_t bytes = 0;
	double s;

	if (argc < 3 || parse_int64(argv[1], 1, 1000000, &rounds)) {
		fprintf(stderr, "usage: bench-feed-parse ROUNDS FILE...\n");
		return 2;
	}
	docs = xcalloc((size_t)argc, sizeof(*docs));
	for (int i = 2; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char chunk[65536];
		size_t n;

		buf_init(&docs[i], SIZE_MAX);
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&docs[i], chunk, n);
		fclose(f);
		bytes += docs[i].len;
	}
	started = mono_ms();
	for (int64_t r = 0; r < rounds; r++) {
		for (int i = 2; i < argc; i++) {
			struct feed feed;
			char err[256];

			if (feed_parse(docs[i].data, docs[i].len, "http://bench.example/feed", NULL, &feed,
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
		(double)(argc - 2) * (double)rounds / s, (double)bytes * (double)rounds / s / 1048576.0,
		(double)entries / s, argc - 2, (long long)rounds, (double)bytes / 1048576.0);
	for (int i = 2; i < argc; i++)
		buf_release(&docs[i]);
	free(docs);
	return 0;
}
