/* alphabet.h -- the three alphabets; private to the library. */
#ifndef B32_ALPHABET_H
#define B32_ALPHABET_H

#include "b32.h"

/* The 32 digits of an alphabet, in value order. */
const char *b32__digits(b32_alphabet alphabet);

/* The value of character c in the alphabet (any case), or -1. */
int b32__value(b32_alphabet alphabet, unsigned char c);

#endif
