// Readability.js (@mozilla/readability on jsdom) for bench/extract_real.py:
// node extract_readability.cjs LIST OUT, with NODE_PATH at the pinned
// node_modules. LIST has "key<TAB>file<TAB>url" lines; OUT gets one line
// {"key", "html", "cpu_s", "error"?} per page, appended as it goes. jsdom is
// handed the raw bytes as a Buffer with contentType text/html, so it sniffs
// the charset as a browser would; no scripts run and nothing is fetched.
"use strict";
const fs = require("fs");
const { JSDOM } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [list, outPath] = process.argv.slice(2);
const out = fs.openSync(outPath, "a");
for (const line of fs.readFileSync(list, "utf8").split("\n")) {
	if (!line) continue;
	const [key, file, given] = line.split("\t");
	let url = given;
	try {
		new URL(url);
	} catch (e) {
		url = ""; // jsdom rejects what URL() rejects; the page is still worth extracting
	}
	const raw = fs.readFileSync(file);
	const rec = { key };
	const t = process.cpuUsage();
	let dom;
	try {
		dom = new JSDOM(raw, url ? { url, contentType: "text/html" } : { contentType: "text/html" });
		const article = new Readability(dom.window.document).parse();
		rec.html = article && article.content ? article.content : "";
	} catch (e) {
		rec.error = String(e).slice(0, 200);
	}
	const d = process.cpuUsage(t);
	rec.cpu_s = (d.user + d.system) / 1e6;
	if (dom) dom.window.close();
	fs.writeSync(out, JSON.stringify(rec) + "\n");
}
fs.closeSync(out);
