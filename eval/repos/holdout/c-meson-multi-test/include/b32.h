/* b32.h -- base32 encoding and decoding (RFC 4648 and Crockford). */
#ifndef B32_H
#define B32_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    B32_STD,       /* RFC 4648 section 6: A-Z 2-7, '=' padding */
    B32_HEX,       /* RFC 4648 section 7: 0-9 A-V, '=' padding */
    B32_CROCKFORD  /* Crockford's: 0-9 A-Z without I L O U, no padding */
} b32_alphabet;

/* Flags for b32_encode(). */
#define B32_NOPAD 1 /* leave out '=' padding (always so for Crockford) */

/* Errors returned by b32_encode() and b32_decode(). */
#define B32_ERR_SPACE (-1) /* the output buffer is too small */
#define B32_ERR_INPUT (-2) /* not valid base32 in this alphabet */

/* Characters needed to encode n bytes, not counting the NUL. */
size_t b32_encoded_size(b32_alphabet alphabet, size_t n, int flags);

/* Bytes needed to decode n characters (an upper bound). */
size_t b32_decoded_size(size_t n);

/* Encodes n bytes from src into dst as a NUL-terminated string.  Returns
 * its length, or B32_ERR_SPACE if dst (dstsize bytes) is too small. */
long b32_encode(b32_alphabet alphabet, const void *src, size_t n, char *dst,
                size_t dstsize, int flags);

/* Decodes n characters from src into dst.  Lower case is accepted, padding
 * is optional, and for Crockford '-' is ignored and I, L, O are read as 1,
 * 1, 0.  Returns the number of bytes written or a B32_ERR_ value. */
long b32_decode(b32_alphabet alphabet, const char *src, size_t n, void *dst,
                size_t dstsize);

/* "std", "hex", "crockford"; b32_alphabet_from_name() returns 0 and sets
 * *out, or returns -1 for an unknown name. */
const char *b32_alphabet_name(b32_alphabet alphabet);
int b32_alphabet_from_name(const char *name, b32_alphabet *out);

const char *b32_version(void);

#ifdef __cplusplus
}
#endif

#endif /* B32_H */
