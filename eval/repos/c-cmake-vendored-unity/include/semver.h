/* semver.h -- parse, compare and match semantic version strings. */
#ifndef SEMVER_H
#define SEMVER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SEMVER_MAX_LABEL 32

typedef struct {
    unsigned long major;
    unsigned long minor;
    unsigned long patch;
    char prerelease[SEMVER_MAX_LABEL]; /* "" when absent, e.g. "rc.1" */
    char build[SEMVER_MAX_LABEL];      /* "" when absent, e.g. "sha.5114f85" */
} semver_t;

/* Parses "MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]"; a leading 'v' is allowed.
 * Returns 0 on success, -1 when text is not a version. */
int semver_parse(const char *text, semver_t *out);

/* Orders two versions by precedence: negative, zero or positive.  Build
 * metadata is ignored; a prerelease sorts before its release. */
int semver_compare(const semver_t *a, const semver_t *b);

/* Writes the canonical form into buf; returns the length it needs, as
 * snprintf() does. */
int semver_format(const semver_t *v, char *buf, size_t size);

/* Packs major, minor and patch into one sortable key (20 bits each); the
 * prerelease is ignored. */
uint64_t semver_key(const semver_t *v);

/* Does version satisfy the constraint?  Constraints are "=1.2.3", ">1.2.3",
 * ">=1.2.3", "<1.2.3", "<=1.2.3", "^1.2.3" (same major, or same minor when the
 * major is 0) and "~1.2.3" (same major and minor).  Returns 1, 0, or -1 when
 * the constraint does not parse. */
int semver_satisfies(const semver_t *version, const char *constraint);

#ifdef __cplusplus
}
#endif

#endif /* SEMVER_H */
