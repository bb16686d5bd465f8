/* urlq.h -- percent-encoding and URL query strings. */
#ifndef URLQ_H
#define URLQ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags for urlq_encode() and urlq_decode(). */
#define URLQ_FORM 1 /* application/x-www-form-urlencoded: ' ' <-> '+' */

/* Error codes (negative). */
#define URLQ_EINVAL (-1)   /* malformed escape */
#define URLQ_ETOOMANY (-2) /* more parameters than urlq_max_params() */
#define URLQ_ENOMEM (-3)

/* Percent-encodes len bytes of in: everything but A-Z a-z 0-9 - . _ ~ is
 * written as %XX (upper-case hex).  Writes at most outsize-1 bytes and a NUL;
 * returns the length the full result needs. */
size_t urlq_encode(const char *in, size_t len, char *out, size_t outsize, int flags);

/* Decodes %XX escapes (and '+' with URLQ_FORM).  Output is never longer than
 * the input, so out needs len+1 bytes.  Returns the decoded length or
 * URLQ_EINVAL. */
long urlq_decode(const char *in, size_t len, char *out, int flags);

typedef struct {
    char *key;
    char *value; /* "" for "key" and "key=" alike */
} urlq_param;

typedef struct {
    urlq_param *params;
    size_t count;
} urlq_query;

/* Parses "a=1&b=two+words&c" (a leading '?' is skipped, empty pieces between
 * '&' or ';' separators are ignored) into decoded, separately allocated keys
 * and values.  Returns 0 or a negative error code; on error *query is empty. */
int urlq_parse(const char *text, urlq_query *query);

/* The value of the first parameter named key, or NULL. */
const char *urlq_get(const urlq_query *query, const char *key);

/* How many parameters are named key. */
size_t urlq_count(const urlq_query *query, const char *key);

/* Builds "k=v&k2=v2" (form-encoded) into a new string; NULL when out of memory. */
char *urlq_build(const urlq_query *query);

void urlq_free(urlq_query *query);

/* The limit the library was configured with (meson option max_params). */
size_t urlq_max_params(void);

const char *urlq_version(void);

#ifdef __cplusplus
}
#endif

#endif /* URLQ_H */
