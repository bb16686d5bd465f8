#include "semver.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a numeric identifier: digits only, no leading zero unless it is "0". */
static const char *parse_number(const char *p, unsigned long *out)
{
    const char *start = p;
    unsigned long value = 0;

    if (!isdigit((unsigned char)*p))
        return NULL;
    while (isdigit((unsigned char)*p)) {
        value = value * 10 + (unsigned long)(*p - '0');
        p++;
    }
    if (p - start > 1 && *start == '0')
        return NULL;
    *out = value;
    return p;
}

/* Copies a dot-separated list of [0-9A-Za-z-] identifiers, none empty. */
static const char *parse_label(const char *p, char *out, const char *stops)
{
    size_t n = 0;
    int last_was_dot = 1;

    while (*p && !strchr(stops, *p)) {
        if (*p == '.') {
            if (last_was_dot)
                return NULL;
            last_was_dot = 1;
        } else if (isalnum((unsigned char)*p) || *p == '-') {
            last_was_dot = 0;
        } else {
            return NULL;
        }
        if (n + 1 >= SEMVER_MAX_LABEL)
            return NULL;
        out[n++] = *p++;
    }
    if (last_was_dot)
        return NULL;
    out[n] = '\0';
    return p;
}

int semver_parse(const char *text, semver_t *out)
{
    const char *p = text;
    semver_t v;

    memset(&v, 0, sizeof v);
    if (!p)
        return -1;
    if (*p == 'v' || *p == 'V')
        p++;
    if (!(p = parse_number(p, &v.major)) || *p++ != '.')
        return -1;
    if (!(p = parse_number(p, &v.minor)) || *p++ != '.')
        return -1;
    if (!(p = parse_number(p, &v.patch)))
        return -1;
    if (*p == '-' && !(p = parse_label(p + 1, v.prerelease, "+")))
        return -1;
    if (*p == '+' && !(p = parse_label(p + 1, v.build, "")))
        return -1;
    if (*p != '\0')
        return -1;
    *out = v;
    return 0;
}

static int is_numeric(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
    }
    return n > 0;
}

/* Compares two prerelease labels identifier by identifier. */
static int compare_prerelease(const char *a, const char *b)
{
    if (*a == '\0' || *b == '\0')
        return (*a == '\0') - (*b == '\0'); /* no label sorts after one */

    for (;;) {
        size_t na = strcspn(a, ".");
        size_t nb = strcspn(b, ".");
        int num_a = is_numeric(a, na);
        int num_b = is_numeric(b, nb);
        int c;

        if (num_a && num_b) {
            c = na != nb ? (na < nb ? -1 : 1) : strncmp(a, b, na);
        } else if (num_a != num_b) {
            c = num_a ? -1 : 1; /* numeric identifiers sort first */
        } else {
            c = strncmp(a, b, na < nb ? na : nb);
            if (c == 0 && na != nb)
                c = na < nb ? -1 : 1;
        }
        if (c != 0)
            return c < 0 ? -1 : 1;
        a += na;
        b += nb;
        if (*a == '\0' || *b == '\0')
            return (*a != '\0') - (*b != '\0'); /* shorter list first */
        a++;
        b++;
    }
}

static int compare_number(unsigned long a, unsigned long b)
{
    return (a > b) - (a < b);
}

int semver_compare(const semver_t *a, const semver_t *b)
{
    int c = compare_number(a->major, b->major);
    if (c == 0)
        c = compare_number(a->minor, b->minor);
    if (c == 0)
        c = compare_number(a->patch, b->patch);
    if (c == 0)
        c = compare_prerelease(a->prerelease, b->prerelease);
    return c;
}

int semver_format(const semver_t *v, char *buf, size_t size)
{
    return snprintf(buf, size, "%lu.%lu.%lu%s%s%s%s", v->major, v->minor,
                    v->patch, v->prerelease[0] ? "-" : "", v->prerelease,
                    v->build[0] ? "+" : "", v->build);
}

uint64_t semver_key(const semver_t *v)
{
    const uint64_t mask = 0xFFFFF;
    return ((uint64_t)v->major & mask) << 40 | ((uint64_t)v->minor & mask) << 20 |
           ((uint64_t)v->patch & mask);
}

int semver_satisfies(const semver_t *version, const char *constraint)
{
    char op[3] = "";
    size_t n = strspn(constraint, "<>=^~");
    semver_t base;
    semver_t upper;
    int c;

    if (n > 2)
        return -1;
    memcpy(op, constraint, n);
    op[n] = '\0';
    if (semver_parse(constraint + n, &base) != 0)
        return -1;
    c = semver_compare(version, &base);

    if (n == 0 || strcmp(op, "=") == 0)
        return c == 0;
    if (strcmp(op, ">") == 0)
        return c > 0;
    if (strcmp(op, ">=") == 0)
        return c >= 0;
    if (strcmp(op, "<") == 0)
        return c < 0;
    if (strcmp(op, "<=") == 0)
        return c <= 0;
    if (strcmp(op, "^") != 0 && strcmp(op, "~") != 0)
        return -1;

    /* ^ and ~ allow everything from base up to (not including) an upper bound. */
    memset(&upper, 0, sizeof upper);
    if (op[0] == '^' && base.major > 0) {
        upper.major = base.major + 1;
    } else {
        upper.major = base.major;
        upper.minor = base.minor + 1;
    }
    strcpy(upper.prerelease, "0"); /* the lowest prerelease of the bound */
    return c >= 0 && semver_compare(version, &upper) < 0;
}
