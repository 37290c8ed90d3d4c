/*
 * Extraction alone, single-threaded. Two uses:
 *
 *   bench-extract ROUNDS FILE...
 *	runs extract_html on each FILE (all read into memory first) ROUNDS
 *	times and prints pages/s and MB/s. (`precis extract` also reads files
 *	and writes JSON; bench/extractor.sh measures that too.)
 *
 *   bench-extract --list LIST OUT
 *	LIST has one page a line, "ID<TAB>FILE<TAB>URL" (URL may be empty);
 *	each page is read, then extracted once with its URL and no charset,
 *	and OUT gets one JSON line {"id", "text", "title", "lang", "cpu_s",
 *	"confidence", "not_article"}
 *	per page (cpu_s: this thread's CPU time in extract_html alone).
 *	Prints pages/s and MB/s over that CPU time, the peak resident memory
 *	of the run and the page during which it was reached. A page that
 *	fails to extract is written with empty text and an "error".
 *	bench/extract_real.sh drives this over the real corpora.
 */
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "corpus.h"
#include "extract.h"
#include "common.h"

static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * This process's peak resident memory in kB, from /proc: getrusage() would
 * count the memory of the parent that forked it, kept across exec.
 */
static long peak_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* Splits line at tabs into at most n fields; returns how many. */
static int split_tabs(char *line, char **f, int n)
{
	int k = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (k < n) {
		f[k++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return k;
}

static int run_list(const char *list, const char *outpath)
{
	FILE *in = fopen(list, "r"), *out = fopen(outpath, "w");
	char line[8192], peak_id[256] = "", big_id[256] = "";
	double cpu = 0;
	size_t pages = 0, bytes = 0, failed = 0, peak_len = 0, big_len = 0;
	long base_kb = peak_rss_kb(), peak_kb = base_kb;
	int rc = 1;

	if (!in || !out) {
		perror(!in ? list : outpath);
		goto out;
	}
	while (fgets(line, sizeof(line), in)) {
		char *f[3], err[256] = "", *path;
		struct extract_result res;
		struct corpus c;
		double t;
		json_t *o, *text;
		int k = split_tabs(line, f, 3), bad;

		if (k < 2)
			continue;
		path = f[1];
		if (corpus_load(&c, &path, 1)) {
			corpus_free(&c);
			goto out;
		}
		t = thread_cpu_s();
		bad = extract_html(c.docs[0].data, c.docs[0].len, NULL, k > 2 && f[2][0] ? f[2] : NULL, &res, err,
			sizeof(err));
		t = thread_cpu_s() - t;
		cpu += t;
		pages++;
		bytes += c.bytes;
		if (c.bytes > big_len) {
			big_len = c.bytes;
			strlcpy_p(big_id, f[0], sizeof(big_id));
		}
		if (peak_rss_kb() > peak_kb) {
			peak_kb = peak_rss_kb();
			peak_len = c.bytes;
			strlcpy_p(peak_id, f[0], sizeof(peak_id));
		}
		o = json_object();
		json_object_set_new(o, "id", json_string(f[0]));
		text = json_string(bad ? "" : res.text.data);
		if (!text) {
			strlcpy_p(err, "the text is not valid UTF-8", sizeof(err));
			bad = 1;
			text = json_string("");
		}
		json_object_set_new(o, "text", text);
		if (!bad && res.title)
			json_object_set_new(o, "title", json_string(res.title));
		if (!bad && res.lang)
			json_object_set_new(o, "lang", json_string(res.lang));
		json_object_set_new(o, "cpu_s", json_real(t));
		json_object_set_new(o, "confidence", json_real(bad ? 0.0 : res.confidence));
		if (!bad && res.not_article)
			json_object_set_new(o, "not_article", json_string(res.not_article));
		if (bad) {
			json_object_set_new(o, "error", json_string(err));
			failed++;
		}
		json_dumpf(o, out, JSON_COMPACT);
		fputc('\n', out);
		json_decref(o);
		extract_release(&res);
		corpus_free(&c);
	}
	printf("pages %zu   failed %zu   cpu %.2f s   pages/s %.0f   MB/s %.1f\n", pages, failed, cpu,
		(double)pages / (cpu > 0 ? cpu : 1e-9), (double)bytes / 1048576.0 / (cpu > 0 ? cpu : 1e-9));
	printf("peak RSS %.1f MB (%.1f MB before the first page), reached on %s (%.2f MB); largest page %s (%.2f MB)\n",
		(double)peak_kb / 1024.0, (double)base_kb / 1024.0, peak_id[0] ? peak_id : "-",
		(double)peak_len / 1048576.0, big_id[0] ? big_id : "-", (double)big_len / 1048576.0);
	rc = ferror(out) ? 1 : 0;
out:
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = 1;
	return rc;
}

int main(int argc, char **argv)
{
	struct corpus c;
	int64_t rounds, started;
	double s;

	if (argc == 4 && !strcmp(argv[1], "--list"))
		return run_list(argv[2], argv[3]);
	if (argc < 3 || parse_int64(argv[1], 1, 1000000, &rounds)) {
		fprintf(stderr, "usage: bench-extract ROUNDS FILE...\n       bench-extract --list LIST OUT\n");
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
