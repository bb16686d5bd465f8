#include "urlq.h"

static const char hex_digits[] = "0123456789ABCDEF";

static int is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t urlq_encode(const char *in, size_t len, char *out, size_t outsize, int flags)
{
    size_t need = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        char piece[3];
        size_t n;
        size_t k;

        if (is_unreserved(c)) {
            piece[0] = (char)c;
            n = 1;
        } else if (c == ' ' && (flags & URLQ_FORM)) {
            piece[0] = '+';
            n = 1;
        } else {
            piece[0] = '%';
            piece[1] = hex_digits[c >> 4];
            piece[2] = hex_digits[c & 15];
            n = 3;
        }
        for (k = 0; k < n; k++, need++) {
            if (need + 1 < outsize)
                out[need] = piece[k];
        }
    }
    if (outsize > 0)
        out[need < outsize ? need : outsize - 1] = '\0';
    return need;
}

long urlq_decode(const char *in, size_t len, char *out, int flags)
{
    size_t i = 0;
    long n = 0;

    while (i < len) {
        char c = in[i];
        if (c == '%') {
            int hi;
            int lo;
            if (len - i < 3)
                return URLQ_EINVAL;
            hi = hex_value(in[i + 1]);
            lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0)
                return URLQ_EINVAL;
            out[n++] = (char)(hi << 4 | lo);
            i += 3;
        } else {
            out[n++] = (c == '+' && (flags & URLQ_FORM)) ? ' ' : c;
            i++;
        }
    }
    out[n] = '\0';
    return n;
}
