/* wrap.h -- greedy word wrapping for plain text.
 *
 * Compile-time options (pass with -D when compiling wrap.c):
 *   WITH_UTF8       measure widths in UTF-8 code points instead of bytes, and
 *                   never split a multi-byte character when breaking a word
 *   USE_FAST_PATH   scan words and blanks with the C library's span functions
 *                   instead of byte-by-byte loops (same output, fewer branches)
 */
#ifndef WRAP_H
#define WRAP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Wraps text at width columns (0: never wrap) into out, which receives at most
 * outsize-1 bytes and a terminating NUL.  Runs of blanks and single newlines
 * join words with one space; a blank line starts a new paragraph; a word wider
 * than the line is broken across lines.  Every output line ends in '\n'.
 * Returns the length the full result needs, as snprintf() does. */
size_t wrap_text(const char *text, size_t width, char *out, size_t outsize);

/* Width of the first n bytes of s, in the unit this build measures in. */
size_t wrap_width(const char *s, size_t n);

/* "bytes" or "code points". */
const char *wrap_unit(void);

#ifdef __cplusplus
}
#endif

#endif /* WRAP_H */
