#include <string.h>

#include "alphabet.h"

#ifndef B32_VERSION
#error "B32_VERSION must be defined (meson passes the project version)"
#endif

static const char std_digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char hex_digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
static const char crockford_digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const char *b32__digits(b32_alphabet alphabet)
{
    switch (alphabet) {
    case B32_HEX:
        return hex_digits;
    case B32_CROCKFORD:
        return crockford_digits;
    case B32_STD:
    default:
        return std_digits;
    }
}

int b32__value(b32_alphabet alphabet, unsigned char c)
{
    const char *digits = b32__digits(alphabet);
    const char *hit;

    if (c >= 'a' && c <= 'z')
        c = (unsigned char)(c - 'a' + 'A');
    if (alphabet == B32_CROCKFORD) {
        if (c == 'I' || c == 'L')
            c = '1';
        else if (c == 'O')
            c = '0';
    }
    if (c == '\0')
        return -1;
    hit = strchr(digits, c);
    return hit ? (int)(hit - digits) : -1;
}

const char *b32_alphabet_name(b32_alphabet alphabet)
{
    switch (alphabet) {
    case B32_STD:
        return "std";
    case B32_HEX:
        return "hex";
    case B32_CROCKFORD:
        return "crockford";
    }
    return "unknown";
}

int b32_alphabet_from_name(const char *name, b32_alphabet *out)
{
    static const b32_alphabet all[] = {B32_STD, B32_HEX, B32_CROCKFORD};
    size_t i;

    for (i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(name, b32_alphabet_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return -1;
}

const char *b32_version(void)
{
    return B32_VERSION;
}
