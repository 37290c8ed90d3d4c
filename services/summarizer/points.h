#ifndef PRECIS_POINTS_H
#define PRECIS_POINTS_H

/*
 * Key points worth reading: which sentences of an article say something,
 * and how to say them in fewer words. A page's text carries more than its
 * story: photo captions and credits, section labels, bylines, share and
 * subscribe lines, menus the extraction kept. None of them is a sentence
 * of the story, and none makes a key point.
 */

/*
 * 1 when sentence (one sentence, as summarize_sentences() splits them) can
 * be a key point: five to sixty words (a Han character is half a word),
 * opening as a sentence opens (not in lowercase: the second half of one
 * split in two), ending as a sentence ends (. ! ? 。！？, not "…"), not mostly
 * capitalised words nor seven in a row (a heading, a menu, a credit), not a
 * byline ("By Jane
 * Doe ..."), not a "Label: value" line ("Photo: ...", "来源：..."), without a
 * web or mail address or a copyright sign, and not strewn with separators
 * (| • » ·) or digits; not the line about the writer ("Jane Doe is a
 * sports columnist for ...", in the first person too, or about the site:
 * "Harbor Notes is a weblog ...", "comments posted on this Web site"), not
 * a photo's caption (points_marks_box()) nor a list's fragment ("- a
 * reader who ...").
 * Not a question (a key point tells), nor a call to the
 * reader outside quotation marks: an action a page asks for ("Click here
 * to enlarge.", "Sign up for our newsletter.", "Read more on our page.",
 * after a short label too: "News Your Way: Get the headlines ...") or
 * "please" with "us" ("please let us know").
 */
int points_says_something(const char *sentence);

/*
 * 1 when sentence shows that the block of text it stands in is not the
 * story but a box beside it, whose other sentences are no key points
 * either: a photo's caption ("... react at a hospital Thursday.(Reuters)",
 * "An air boat searches the lake, Monday Jan. 7, 2008."), a line about
 * the writer or the site ("Jane Doe is a columnist for ...", "I have been
 * a copywriter for 19 years.", "Harbor Notes is a weblog devoted to ...",
 * "comments posted on this Web site", "A publication of the Harbor Media
 * Group."), a call to the reader ("For more, check our about page."), or
 * a telephone number (a listing: "Harbor Hardware "Fix it today!" 12 Quay
 * St 687-4525").
 */
int points_marks_box(const char *sentence);

/*
 * sentence with what a digest reader can do without: parenthetical asides
 * ("(NASDAQ: LOGI)", "（记者 张三）"), an appositive after a name ("Lumen
 * Dynamics, a Shenzhen start-up that makes robots, said ..."), a closing
 * attribution (", the company said on Monday.", ", according to a
 * filing."), an opening one ("According to X, ", "公司表示，", "据悉，"),
 * weekdays ("said on Tuesday that"), and a list item's marker ("- ",
 * "• "). What is left still reads as a sentence; a sentence with nothing
 * to drop comes back as it was. Caller frees.
 */
char *points_condense(const char *sentence);

#endif
