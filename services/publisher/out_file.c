#include "sink.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "html.h"
#include "msg.h"
#include "render.h"
#include "common.h"

/*
 * The file sink: each edition as YYYY/MM/precis-EDITION.md, .html and
 * .json under its folder, with an index.html and an Atom feed
 * (editions.atom) of every edition there, so readers can browse and
 * subscribe.
 */

struct out_file {
	char *dir;
};

/* Writes data to path atomically: a reader sees the old file or the whole new one. */
static int write_atomic(const char *path, const char *data, size_t len, char *errstr,
	size_t errsize)
{
	char tmp[4200];
	int fd;
	size_t off = 0;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail_close;
		off += (size_t)w;
	}
	if (fsync(fd))
		goto fail_close;
	close(fd);
	if (rename(tmp, path))
		goto fail;
	return 0;
fail_close:
	close(fd);
fail:
	snprintf(errstr, errsize, "cannot write %s: %s", path, strerror(errno));
	unlink(tmp);
	return -1;
}

struct past {
	char *edition;
	char *rel; /* path of the .html relative to the folder */
	json_t *digest;
};

static int by_edition_desc(const void *a, const void *b)
{
	return strcmp(((const struct past *)b)->edition, ((const struct past *)a)->edition);
}

/* Every edition in dir/YYYY/MM/, newest first. */
static size_t list_past(const char *dir, struct past **out)
{
	struct past *v = NULL;
	size_t n = 0;
	DIR *years = opendir(dir);
	struct dirent *y;

	while (years && (y = readdir(years))) {
		char ypath[4200];
		DIR *months;
		struct dirent *m;

		if (strlen(y->d_name) != 4 || !isdigit((unsigned char)y->d_name[0]))
			continue;
		snprintf(ypath, sizeof(ypath), "%s/%s", dir, y->d_name);
		months = opendir(ypath);
		while (months && (m = readdir(months))) {
			char mpath[4300];
			DIR *files;
			struct dirent *f;

			if (strlen(m->d_name) != 2 || !isdigit((unsigned char)m->d_name[0]))
				continue;
			snprintf(mpath, sizeof(mpath), "%s/%s", ypath, m->d_name);
			files = opendir(mpath);
			while (files && (f = readdir(files))) {
				size_t len = strlen(f->d_name);
				char fpath[4600];
				json_t *d;

				if (len < 13 || strncmp(f->d_name, "precis-", 7) ||
					strcmp(f->d_name + len - 5, ".json"))
					continue;
				snprintf(fpath, sizeof(fpath), "%s/%s", mpath, f->d_name);
				d = json_load_file(fpath, 0, NULL);
				if (!d || !msg_str(d, "edition")) {
					json_decref(d);
					continue;
				}
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n].edition = xstrdup(msg_str(d, "edition"));
				v[n].digest = d;
				v[n].rel = xmalloc(len + 16);
				snprintf(v[n].rel, len + 16, "%s/%s/%.*s.html", y->d_name, m->d_name,
					(int)(len - 5), f->d_name);
				n++;
			}
			if (files)
				closedir(files);
		}
		if (months)
			closedir(months);
	}
	if (years)
		closedir(years);
	if (n)
		qsort(v, n, sizeof(*v), by_edition_desc);
	*out = v;
	return n;
}

/* index.html and editions.atom: every past edition, so readers can browse and subscribe. */
static int write_index(const char *dir, char *errstr, size_t errsize)
{
	struct past *v;
	size_t n = list_past(dir, &v);
	const char *title, *lang;
	struct buf html, atom;
	char path[4200];
	int rc;

	/*
	 * Named as the latest edition is, and in its language: a heading in
	 * English ("Editions") over a German digest's list is one its readers
	 * would not have chosen.
	 */
	title = n && *msg_text(v[0].digest, "title") ? msg_text(v[0].digest, "title") : "precis";
	lang = n && *msg_text(v[0].digest, "lang") ? msg_text(v[0].digest, "lang") : "en";
	buf_init(&html, RENDER_MAX);
	buf_init(&atom, RENDER_MAX);
	buf_addstr(&html, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(&html, lang);
	buf_addstr(&html, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			  "<title>");
	html_escape(&html, title);
	buf_addstr(&html, "</title>\n<link rel=\"alternate\" type=\"application/atom+xml\" "
			  "href=\"editions.atom\">\n<style>body{font:17px/1.6 sans-serif;max-width:46rem;"
			  "margin:0 auto;padding:1.5rem 1rem}li{margin:.4rem 0}</style>\n</head>\n<body>\n"
			  "<h1>");
	html_escape(&html, title);
	buf_addstr(&html, "</h1>\n<ul>\n");
	buf_addstr(&atom, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			  "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
	html_escape(&atom, lang);
	buf_addstr(&atom, "\">\n<title>");
	html_escape(&atom, title);
	buf_printf(&atom, "</title>\n<id>urn:precis:editions</id>\n<updated>%s</updated>\n"
			  "<link rel=\"alternate\" href=\"index.html\"/>\n",
		n ? msg_str(v[0].digest, "generated_at") : "1970-01-01T00:00:00Z");
	for (size_t i = 0; i < n; i++) {
		const json_t *st = json_object_get(v[i].digest, "stats");
		struct buf summary;
		json_t *h;
		size_t k;

		buf_addstr(&html, "<li><a href=\"");
		html_escape(&html, v[i].rel);
		buf_addstr(&html, "\">");
		html_escape(&html, v[i].edition);
		buf_addstr(&html, "</a> ");
		html_escape(&html, msg_str(v[i].digest, "title"));
		buf_printf(&html, " (%lld)</li>\n",
			(long long)json_integer_value(json_object_get(st, "stories")));
		if (i >= 50)
			continue; /* the feed keeps the latest fifty */
		buf_init(&summary, RENDER_MAX);
		json_array_foreach(json_object_get(v[i].digest, "highlights"), k, h)
			buf_printf(&summary, "%s %s\n", msg_str(h, "emoji"), msg_str(h, "headline"));
		buf_addstr(&atom, "<entry>\n<title>");
		html_escape(&atom, msg_str(v[i].digest, "title"));
		buf_addch(&atom, ' ');
		html_escape(&atom, v[i].edition);
		buf_addstr(&atom, "</title>\n<id>urn:precis:edition:");
		html_escape(&atom, v[i].edition);
		buf_printf(&atom, "</id>\n<updated>%s</updated>\n<link rel=\"alternate\" href=\"",
			msg_str(v[i].digest, "generated_at"));
		html_escape(&atom, v[i].rel);
		buf_addstr(&atom, "\"/>\n<summary>");
		html_escape(&atom, summary.data);
		buf_addstr(&atom, "</summary>\n</entry>\n");
		buf_release(&summary);
	}
	buf_addstr(&html, "</ul>\n</body>\n</html>\n");
	buf_addstr(&atom, "</feed>\n");
	snprintf(path, sizeof(path), "%s/index.html", dir);
	if (html.overflowed || atom.overflowed) {
		snprintf(errstr, errsize, "the index of %zu editions is larger than %d MiB", n,
			RENDER_MAX >> 20);
		rc = -1;
	} else {
		rc = write_atomic(path, html.data, html.len, errstr, errsize);
	}
	snprintf(path, sizeof(path), "%s/editions.atom", dir);
	if (!rc)
		rc = write_atomic(path, atom.data, atom.len, errstr, errsize);
	buf_release(&html);
	buf_release(&atom);
	for (size_t i = 0; i < n; i++) {
		free(v[i].edition);
		free(v[i].rel);
		json_decref(v[i].digest);
	}
	free(v);
	return rc;
}

/* Editions are YYYY-MM-DD[-N]: filed under DIR/YYYY/MM/. */
static void file_folder(const char *dir, const char *id, char *out, size_t size)
{
	snprintf(out, size, "%s/%.4s/%.2s", dir, id, strlen(id) >= 7 ? id + 5 : "00");
}

/* The dir option, else publisher.output_dir, else ./digests. */
static const char *file_dir(const struct sink *s)
{
	const struct out_file *f = s->ctx;

	if (f->dir)
		return f->dir;
	return *s->cfg->publisher_output_dir ? s->cfg->publisher_output_dir : "digests";
}

/*
 * Paths are built in 4 KiB buffers; a folder that leaves no room for
 * YYYY/MM/precis-EDITION.html.tmp.PID would be cut to another path.
 */
#define FILE_DIR_MAX 3072

static int file_init(struct sink *s, char *errstr, size_t errsize)
{
	if (strlen(file_dir(s)) > FILE_DIR_MAX) {
		snprintf(errstr, errsize, "%s: sink %s: its folder is longer than %d bytes", s->origin,
			s->name, FILE_DIR_MAX);
		return -1;
	}
	return 0;
}

static int file_locate(const struct sink *s, const char *id, char *out, size_t size)
{
	char sub[4200];

	file_folder(file_dir(s), id, sub, sizeof(sub));
	snprintf(out, size, "%s/precis-%s.md", sub, id);
	return 0;
}

static int file_holds(const struct sink *s, const char *id)
{
	char path[4400];

	file_locate(s, id, path, sizeof(path));
	return !access(path, F_OK);
}

static enum sink_result file_deliver(struct sink *s, const struct sink_edition *e, char *reason,
	size_t reasonsize)
{
	const char *dir = file_dir(s);
	const char *md = msg_str(e->digest, "markdown");
	char sub[4200], path[4400];
	struct buf html;
	int rc;

	file_folder(dir, e->id, sub, sizeof(sub));
	if (mkdir_p(sub, 0755)) {
		snprintf(reason, reasonsize, "cannot create %s: %s", sub, strerror(errno));
		return SINK_RETRY;
	}
	snprintf(path, sizeof(path), "%s/precis-%s.md", sub, e->id);
	if (write_atomic(path, md, strlen(md), reason, reasonsize))
		return SINK_RETRY;
	snprintf(path, sizeof(path), "%s/precis-%s.json", sub, e->id);
	if (write_atomic(path, e->json, e->json_len, reason, reasonsize))
		return SINK_RETRY;
	buf_init(&html, RENDER_MAX);
	if (render_html(e->digest, &html)) {
		snprintf(reason, reasonsize, "the edition's HTML is larger than %d MiB",
			RENDER_MAX >> 20);
		buf_release(&html);
		return SINK_DROP;
	}
	snprintf(path, sizeof(path), "%s/precis-%s.html", sub, e->id);
	rc = write_atomic(path, html.data, html.len, reason, reasonsize);
	buf_release(&html);
	if (rc || write_index(dir, reason, reasonsize))
		return SINK_RETRY;
	return SINK_OK;
}

static const struct config_map file_options[] = {
	{ "dir", CONFIG_MAP_PATH, 0, NULL, offsetof(struct out_file, dir),
		"folder of the editions (default: publisher.output_dir, else ./digests)" },
	{ NULL, 0, 0, NULL, 0, NULL },
};

const struct sink_plugin out_file_plugin = { "file", file_options, sizeof(struct out_file),
	file_init, file_deliver, file_locate, file_holds, NULL };
