/* ini.h -- a small callback-driven INI file parser.
 *
 * The parser reads "[section]" headers and "name = value" (or "name: value")
 * pairs, one per line, and hands each pair to a callback.  Lines starting
 * with ';' or '#' are comments, as is anything after " ;" on a value line.
 */
#ifndef INI_H
#define INI_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest line the parser accepts, including the newline.  Longer lines are
 * reported as errors.  Override with -DINI_MAX_LINE=... when compiling ini.c. */
#ifndef INI_MAX_LINE
#define INI_MAX_LINE 256
#endif

/* Longest section name kept between lines; longer names are truncated. */
#ifndef INI_MAX_SECTION
#define INI_MAX_SECTION 64
#endif

/* Called once per name/value pair.  Return nonzero to go on, zero to stop
 * (the parse then fails on that line). */
typedef int (*ini_handler)(void *user, const char *section, const char *name,
                           const char *value, int lineno);

/* Each parse function returns 0 on success, the number of the first line
 * with an error (parsing goes on after an error, so later pairs are still
 * seen), INI_ERR_OPEN when the file cannot be opened. */
#define INI_ERR_OPEN (-1)

int ini_parse_string(const char *text, ini_handler handler, void *user);
int ini_parse_file(FILE *file, ini_handler handler, void *user);
int ini_parse(const char *path, ini_handler handler, void *user);

/* Interpret a value as a boolean: "1", "yes", "true" and "on" are true,
 * "0", "no", "false" and "off" are false (any case); anything else yields
 * fallback. */
int ini_bool(const char *value, int fallback);

#ifdef __cplusplus
}
#endif

#endif /* INI_H */
