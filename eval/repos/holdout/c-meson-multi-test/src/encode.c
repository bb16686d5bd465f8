#include <stdint.h>

#include "alphabet.h"

size_t b32_encoded_size(b32_alphabet alphabet, size_t n, int flags)
{
    if (alphabet == B32_CROCKFORD || (flags & B32_NOPAD))
        return (n * 8 + 4) / 5;
    return (n + 4) / 5 * 8;
}

long b32_encode(b32_alphabet alphabet, const void *src, size_t n, char *dst,
                size_t dstsize, int flags)
{
    const unsigned char *in = src;
    const char *digits = b32__digits(alphabet);
    size_t need = b32_encoded_size(alphabet, n, flags);
    size_t out = 0, i;
    uint_fast32_t bits = 0;
    int nbits = 0;

    if (dstsize < need + 1)
        return B32_ERR_SPACE;

    for (i = 0; i < n; i++) {
        bits = (bits << 8) | in[i];
        nbits += 8;
        while (nbits >= 5) {
            nbits -= 5;
            dst[out++] = digits[(bits >> nbits) & 31];
        }
    }
    if (nbits > 0)
        dst[out++] = digits[(bits << (5 - nbits)) & 31];
    while (out < need)
        dst[out++] = '=';
    dst[out] = '\0';
    return (long)out;
}
