#ifndef PRECIS_ROBOTS_H
#define PRECIS_ROBOTS_H

/*
 * robots.txt (RFC 9309): whether a crawler called agent may fetch a path.
 * The group whose User-agent is the longest match of agent's product token
 * applies, else the "*" group; within it the longest matching Allow or
 * Disallow rule wins, Allow on a tie; "*" in a rule matches any run of
 * characters and "$" anchors its end. No rules, or no file: allowed.
 */

/* 1 if path (with its query) may be fetched by agent under the rules in text. */
int robots_allowed(const char *text, const char *agent, const char *path);

#endif
