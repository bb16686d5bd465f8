/* ini.c -- a small callback-driven INI file parser.
 *
 * Build the library with `make`; build and run the unit tests, which live at
 * the bottom of this file behind INI_TEST_MAIN, with `make test`.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ini.h"

/* Reads the next line (at most size-1 bytes) into buf like fgets() does;
 * returns NULL at the end of the input. */
typedef char *(*ini_reader)(char *buf, int size, void *stream);

static char *skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return (char *)s;
}

static char *strip_trailing(char *s)
{
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

/* Returns the first of chars in s, or the terminating NUL.  When
 * inline_comment is set, a ';' preceded by whitespace also ends the search. */
static char *find_chars(const char *s, const char *chars, int inline_comment)
{
    int was_space = 0;
    while (*s && (!chars || !strchr(chars, *s)) &&
           !(inline_comment && was_space && *s == ';')) {
        was_space = isspace((unsigned char)*s);
        s++;
    }
    return (char *)s;
}

static void copy_bounded(char *dest, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dest, src, n);
    dest[n] = '\0';
}

/* Removes one pair of matching double quotes around value, in place. */
static char *unquote(char *value)
{
    size_t n = strlen(value);
    if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
        value[n - 1] = '\0';
        return value + 1;
    }
    return value;
}

static int parse_stream(ini_reader reader, void *stream, ini_handler handler,
                        void *user)
{
    char line[INI_MAX_LINE];
    char section[INI_MAX_SECTION] = "";
    int lineno = 0;
    int error = 0;

    while (reader(line, (int)sizeof line, stream) != NULL) {
        size_t len = strlen(line);
        char *start;
        char *end;

        lineno++;
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            /* Too long: report it and throw the rest of the line away. */
            char rest[INI_MAX_LINE];
            if (!error)
                error = lineno;
            while (reader(rest, (int)sizeof rest, stream) != NULL &&
                   rest[strlen(rest) - 1] != '\n')
                ;
            continue;
        }

        start = line;
        if (lineno == 1 && (unsigned char)start[0] == 0xEF &&
            (unsigned char)start[1] == 0xBB && (unsigned char)start[2] == 0xBF)
            start += 3; /* UTF-8 byte order mark */
        start = strip_trailing(skip_space(start));

        if (*start == '\0' || *start == ';' || *start == '#')
            continue;

        if (*start == '[') {
            end = find_chars(start + 1, "]", 0);
            if (*end == ']') {
                *end = '\0';
                copy_bounded(section, strip_trailing(skip_space(start + 1)),
                             sizeof section);
            } else if (!error) {
                error = lineno;
            }
            continue;
        }

        end = find_chars(start, "=:", 0);
        if (*end == '=' || *end == ':') {
            char *name = start;
            char *value = end + 1;
            *end = '\0';
            strip_trailing(name);
            end = find_chars(value, NULL, 1);
            if (*end == ';')
                *end = '\0';
            value = unquote(strip_trailing(skip_space(value)));
            if (*name == '\0' ||
                !handler(user, section, name, value, lineno)) {
                if (!error)
                    error = lineno;
            }
        } else if (!error) {
            error = lineno;
        }
    }
    return error;
}

static char *file_reader(char *buf, int size, void *stream)
{
    return fgets(buf, size, (FILE *)stream);
}

/* The stream is a pointer to the rest of the text. */
static char *string_reader(char *buf, int size, void *stream)
{
    const char **text = (const char **)stream;
    const char *p = *text;
    int n = 0;

    if (*p == '\0')
        return NULL;
    while (n < size - 1 && p[n] != '\0') {
        buf[n] = p[n];
        if (p[n++] == '\n')
            break;
    }
    buf[n] = '\0';
    *text = p + n;
    return buf;
}

int ini_parse_string(const char *text, ini_handler handler, void *user)
{
    return parse_stream(string_reader, &text, handler, user);
}

int ini_parse_file(FILE *file, ini_handler handler, void *user)
{
    return parse_stream(file_reader, file, handler, user);
}

int ini_parse(const char *path, ini_handler handler, void *user)
{
    FILE *file = fopen(path, "r");
    int result;

    if (!file)
        return INI_ERR_OPEN;
    result = ini_parse_file(file, handler, user);
    fclose(file);
    return result;
}

static int same_word(const char *a, const char *b)
{
    while (*a && *b && tolower((unsigned char)*a) == tolower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

int ini_bool(const char *value, int fallback)
{
    static const char *const yes[] = {"1", "yes", "true", "on"};
    static const char *const no[] = {"0", "no", "false", "off"};
    size_t i;

    if (!value)
        return fallback;
    for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (same_word(value, yes[i]))
            return 1;
        if (same_word(value, no[i]))
            return 0;
    }
    return fallback;
}

#ifdef INI_TEST_MAIN
#include <stdlib.h>
#include "testhelp.h"

/* Records every pair as "section.name=value;" so a whole parse can be
 * compared with one string. */
struct recorder {
    char text[1024];
    int pairs;
    int stop_after; /* 0: never stop */
};

static int record(void *user, const char *section, const char *name,
                  const char *value, int lineno)
{
    struct recorder *r = (struct recorder *)user;
    size_t used = strlen(r->text);
    (void)lineno;
    snprintf(r->text + used, sizeof r->text - used, "%s.%s=%s;", section, name,
             value);
    r->pairs++;
    return r->stop_after == 0 || r->pairs < r->stop_after;
}

static int parse_recorded(const char *text, struct recorder *r)
{
    memset(r, 0, sizeof *r);
    return ini_parse_string(text, record, r);
}

/* Looks for the settings the sample file holds. */
struct sample {
    char owner[64];
    int port;
    int verbose;
    int sections_seen;
    char last_section[64];
};

static int sample_handler(void *user, const char *section, const char *name,
                          const char *value, int lineno)
{
    struct sample *s = (struct sample *)user;
    (void)lineno;
    if (strcmp(section, s->last_section) != 0) {
        copy_bounded(s->last_section, section, sizeof s->last_section);
        s->sections_seen++;
    }
    if (strcmp(section, "owner") == 0 && strcmp(name, "name") == 0)
        copy_bounded(s->owner, value, sizeof s->owner);
    else if (strcmp(section, "server") == 0 && strcmp(name, "port") == 0)
        s->port = atoi(value);
    else if (strcmp(section, "server") == 0 && strcmp(name, "verbose") == 0)
        s->verbose = ini_bool(value, -1);
    return 1;
}

int main(int argc, char **argv)
{
    struct recorder r;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s SAMPLE.ini\n", argv[0]);
        return 2;
    }

    rc = parse_recorded("a = 1\n[s1]\nb=2\nc : three\n", &r);
    test_cond("pairs before any section", rc == 0 && r.pairs == 3);
    test_cond("sections and separators",
              strcmp(r.text, ".a=1;s1.b=2;s1.c=three;") == 0);

    rc = parse_recorded("; comment\n# another\n\n  [ spaced ]  \n"
                        "  key   =   value with spaces   \n",
                        &r);
    test_cond("comments, blank lines and trimming",
              rc == 0 && strcmp(r.text, "spaced.key=value with spaces;") == 0);

    rc = parse_recorded("[x]\nk = v ; trailing note\nurl = a;b\n", &r);
    test_cond("inline comments need a space before ';'",
              rc == 0 && strcmp(r.text, "x.k=v;x.url=a;b;") == 0);

    rc = parse_recorded("[q]\nmsg = \"  padded  \"\nhalf = \"open\n", &r);
    test_cond("quoted values keep their spaces",
              rc == 0 && strcmp(r.text, "q.msg=  padded  ;q.half=\"open;") == 0);

    rc = parse_recorded("\xEF\xBB\xBF[bom]\nk=v", &r);
    test_cond("byte order mark and no final newline",
              rc == 0 && strcmp(r.text, "bom.k=v;") == 0);

    rc = parse_recorded("[ok]\na=1\n[broken\nb=2\njunk line\nc=3\n", &r);
    test_cond("first error line is returned", rc == 3);
    test_cond("parsing goes on after an error", r.pairs == 3);

    rc = parse_recorded("= nameless\n", &r);
    test_cond("an empty name is an error", rc == 1 && r.pairs == 0);

    memset(&r, 0, sizeof r);
    r.stop_after = 2;
    rc = ini_parse_string("a=1\nb=2\nc=3\n", record, &r);
    test_cond("a handler can stop the parse", rc == 2);

    {
        char longtext[INI_MAX_LINE * 2 + 32];
        memset(longtext, 'x', INI_MAX_LINE + 10);
        strcpy(longtext + INI_MAX_LINE + 10, "=1\nafter=2\n");
        rc = parse_recorded(longtext, &r);
        test_cond("an over-long line is an error",
                  rc == 1 && strcmp(r.text, ".after=2;") == 0);
    }

    test_cond("ini_bool true words",
              ini_bool("yes", 0) == 1 && ini_bool("TRUE", 0) == 1 &&
                  ini_bool("On", 0) == 1 && ini_bool("1", 0) == 1);
    test_cond("ini_bool false words",
              ini_bool("no", 1) == 0 && ini_bool("False", 1) == 0 &&
                  ini_bool("off", 1) == 0 && ini_bool("0", 1) == 0);
    test_cond("ini_bool fallback",
              ini_bool("maybe", 7) == 7 && ini_bool(NULL, 5) == 5);

    test_cond("a missing file cannot be opened",
              ini_parse("no/such/file.ini", record, &r) == INI_ERR_OPEN);

    {
        struct sample s;
        memset(&s, 0, sizeof s);
        rc = ini_parse(argv[1], sample_handler, &s);
        test_cond("sample file parses", rc == 0);
        test_cond("sample owner", strcmp(s.owner, "Ada Lovelace") == 0);
        test_cond("sample port and flag", s.port == 8080 && s.verbose == 1);
        test_cond("sample sections", s.sections_seen == 3);
    }

    test_report();
    return 0;
}
#endif /* INI_TEST_MAIN */
