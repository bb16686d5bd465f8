#include <stdint.h>

#include "alphabet.h"

size_t b32_decoded_size(size_t n)
{
    return n * 5 / 8;
}

long b32_decode(b32_alphabet alphabet, const char *src, size_t n, void *dst,
                size_t dstsize)
{
    unsigned char *out = dst;
    size_t written = 0, digits = 0, pads = 0, i;
    uint_fast32_t bits = 0;
    int nbits = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        int v;

        if (c == '=' && alphabet != B32_CROCKFORD) {
            pads++;
            continue;
        }
        if (pads > 0)
            return B32_ERR_INPUT; /* data after padding */
        if (c == '-' && alphabet == B32_CROCKFORD)
            continue;
        if ((v = b32__value(alphabet, c)) < 0)
            return B32_ERR_INPUT;
        digits++;
        bits = (bits << 5) | (uint_fast32_t)v;
        nbits += 5;
        if (nbits >= 8) {
            nbits -= 8;
            if (written == dstsize)
                return B32_ERR_SPACE;
            out[written++] = (unsigned char)(bits >> nbits);
            bits &= ((uint_fast32_t)1 << nbits) - 1;
        }
    }

    /* A final group of 1, 3 or 6 digits cannot come from whole bytes, the
     * bits left over must be zero, and padding must fill the group. */
    switch (digits % 8) {
    case 1:
    case 3:
    case 6:
        return B32_ERR_INPUT;
    }
    if (bits != 0)
        return B32_ERR_INPUT;
    if (pads > 0 && pads != (8 - digits % 8) % 8)
        return B32_ERR_INPUT;
    return (long)written;
}
