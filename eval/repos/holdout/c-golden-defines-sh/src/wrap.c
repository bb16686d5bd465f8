#include "wrap.h"

#include <stdint.h>
#include <string.h>

#define BLANKS " \t\n"

/* Length in bytes of the character that starts at s (at most n bytes left). */
static size_t char_len(const char *s, size_t n)
{
#ifdef WITH_UTF8
    const unsigned char *u = (const unsigned char *)s;
    size_t len = 1;
    size_t i;

    if (u[0] >= 0xF0 && u[0] < 0xF8)
        len = 4;
    else if (u[0] >= 0xE0)
        len = 3;
    else if (u[0] >= 0xC0)
        len = 2;
    if (len > n)
        return 1;
    for (i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 1; /* malformed: count the lead byte alone */
    }
    return len;
#else
    (void)s;
    (void)n;
    return 1;
#endif
}

size_t wrap_width(const char *s, size_t n)
{
    size_t width = 0;
    size_t i = 0;

    while (i < n) {
        i += char_len(s + i, n - i);
        width++;
    }
    return width;
}

const char *wrap_unit(void)
{
#ifdef WITH_UTF8
    return "code points";
#else
    return "bytes";
#endif
}

/* Bytes that hold the first `columns` characters of s[0..n). */
static size_t prefix_bytes(const char *s, size_t n, size_t columns)
{
    size_t i = 0;

    while (i < n && columns > 0) {
        i += char_len(s + i, n - i);
        columns--;
    }
    return i;
}

/* Skips blanks at s; stores how many newlines were among them. */
static size_t skip_blanks(const char *s, int *newlines)
{
#ifdef USE_FAST_PATH
    size_t n = strspn(s, BLANKS);
    const char *p = s;
    const char *end = s + n;

    *newlines = 0;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        (*newlines)++;
        p++;
    }
    return n;
#else
    size_t n = 0;

    *newlines = 0;
    while (s[n] == ' ' || s[n] == '\t' || s[n] == '\n') {
        if (s[n] == '\n')
            (*newlines)++;
        n++;
    }
    return n;
#endif
}

static size_t word_length(const char *s)
{
#ifdef USE_FAST_PATH
    return strcspn(s, BLANKS);
#else
    size_t n = 0;
    while (s[n] != '\0' && s[n] != ' ' && s[n] != '\t' && s[n] != '\n')
        n++;
    return n;
#endif
}

struct sink {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct sink *out, const char *s, size_t n)
{
    if (out->len < out->size) {
        size_t room = out->size - out->len;
        memcpy(out->buf + out->len, s, n < room ? n : room);
    }
    out->len += n;
}

size_t wrap_text(const char *text, size_t width, char *out, size_t outsize)
{
    struct sink sink;
    size_t column = 0; /* width of the current line so far */
    int line_open = 0; /* the current line has text on it */
    int started = 0;   /* anything written yet */
    const char *p = text;

    sink.buf = out;
    sink.size = outsize > 0 ? outsize - 1 : 0;
    sink.len = 0;
    if (width == 0)
        width = SIZE_MAX;

    for (;;) {
        int newlines;
        size_t bytes;
        size_t cols;

        p += skip_blanks(p, &newlines);
        if (*p == '\0')
            break;
        if (newlines >= 2 && started) {
            put(&sink, "\n\n", line_open ? 2 : 1);
            line_open = 0;
            column = 0;
        }

        bytes = word_length(p);
        cols = wrap_width(p, bytes);
        if (line_open && column + 1 + cols > width) {
            put(&sink, "\n", 1);
            line_open = 0;
            column = 0;
        }
        if (line_open) {
            put(&sink, " ", 1);
            column++;
        }
        while (cols > width) {
            size_t head = prefix_bytes(p, bytes, width);
            put(&sink, p, head);
            put(&sink, "\n", 1);
            p += head;
            bytes -= head;
            cols -= width;
        }
        put(&sink, p, bytes);
        p += bytes;
        column += cols;
        line_open = 1;
        started = 1;
    }
    if (line_open)
        put(&sink, "\n", 1);

    if (outsize > 0)
        out[sink.len < sink.size ? sink.len : sink.size] = '\0';
    return sink.len;
}
