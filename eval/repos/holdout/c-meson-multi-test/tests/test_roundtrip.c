/* Round-trips random buffers through every alphabet.
 *
 *   test_roundtrip --seed N --count N
 */
#include <stdlib.h>
#include <string.h>

#include "b32.h"
#include "testutil.h"

#define MAXLEN 64

/* xorshift32: the same buffers on every platform for a given seed. */
static unsigned long next_random(unsigned long *state)
{
    unsigned long x = *state;
    x ^= (x << 13) & 0xffffffffUL;
    x ^= x >> 17;
    x ^= (x << 5) & 0xffffffffUL;
    return *state = x & 0xffffffffUL;
}

static int usage(const char *prog)
{
    fprintf(stderr, "usage: %s --seed N --count N\n", prog);
    return 2;
}

int main(int argc, char **argv)
{
    static const b32_alphabet alphabets[] = {B32_STD, B32_HEX, B32_CROCKFORD};
    unsigned long seed = 0, count = 0, state, i;
    unsigned char in[MAXLEN], out[MAXLEN];
    char code[MAXLEN * 2];
    int a;

    for (a = 1; a + 1 < argc; a += 2) {
        if (strcmp(argv[a], "--seed") == 0)
            seed = strtoul(argv[a + 1], NULL, 10);
        else if (strcmp(argv[a], "--count") == 0)
            count = strtoul(argv[a + 1], NULL, 10);
        else
            return usage(argv[0]);
    }
    if (a != argc || seed == 0 || count == 0)
        return usage(argv[0]);

    state = seed;
    for (i = 0; i < count; i++) {
        size_t len = next_random(&state) % (MAXLEN + 1), j;
        for (j = 0; j < len; j++)
            in[j] = (unsigned char)next_random(&state);

        for (a = 0; a < 3; a++) {
            int flags = (i % 2) ? B32_NOPAD : 0;
            long n = b32_encode(alphabets[a], in, len, code, sizeof code, flags);
            long m = b32_decode(alphabets[a], code, (size_t)n, out, sizeof out);
            CHECK(n == (long)b32_encoded_size(alphabets[a], len, flags));
            CHECK(m == (long)len && memcmp(in, out, len) == 0);
            if (m != (long)len)
                fprintf(stderr, "  seed %lu, buffer %lu, %s: %s\n", seed, i,
                        b32_alphabet_name(alphabets[a]), code);
        }
    }
    return test_summary("test_roundtrip");
}
