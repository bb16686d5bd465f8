/* Unit tests for b32_encode() and b32_decode().  -v prints every check. */
#include <string.h>

#include "b32.h"
#include "testutil.h"

static const char *enc(b32_alphabet a, const char *text, int flags)
{
    static char buf[128];
    long n = b32_encode(a, text, strlen(text), buf, sizeof buf, flags);
    return n < 0 ? "<error>" : buf;
}

/* Decodes into a NUL-terminated string; NULL on error. */
static const char *dec(b32_alphabet a, const char *code)
{
    static char buf[128];
    long n = b32_decode(a, code, strlen(code), buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    return buf;
}

static void test_sizes(void)
{
    CHECK(b32_encoded_size(B32_STD, 0, 0) == 0);
    CHECK(b32_encoded_size(B32_STD, 1, 0) == 8);
    CHECK(b32_encoded_size(B32_STD, 5, 0) == 8);
    CHECK(b32_encoded_size(B32_STD, 6, 0) == 16);
    CHECK(b32_encoded_size(B32_STD, 1, B32_NOPAD) == 2);
    CHECK(b32_encoded_size(B32_HEX, 4, B32_NOPAD) == 7);
    CHECK(b32_encoded_size(B32_CROCKFORD, 6, 0) == 10);
    CHECK(b32_decoded_size(16) == 10);
}

static void test_encode(void)
{
    char small[8];

    CHECK_STR(enc(B32_STD, "fo", 0), "MZXQ====");
    CHECK_STR(enc(B32_STD, "fo", B32_NOPAD), "MZXQ");
    CHECK_STR(enc(B32_HEX, "foob", 0), "CPNMUOG=");
    CHECK_STR(enc(B32_CROCKFORD, "foobar", 0), "CSQPYRK1E8");
    CHECK_STR(enc(B32_STD, "", 0), "");

    /* Eight characters need nine bytes with the NUL. */
    CHECK(b32_encode(B32_STD, "f", 1, small, sizeof small, 0) == B32_ERR_SPACE);
    CHECK(b32_encode(B32_STD, "f", 1, small, sizeof small, B32_NOPAD) == 2);
}

static void test_decode(void)
{
    char two[2];
    const char *s;

    CHECK((s = dec(B32_STD, "MZXW6YTBOI======")) && strcmp(s, "foobar") == 0);
    CHECK((s = dec(B32_STD, "mzxw6ytboi")) && strcmp(s, "foobar") == 0);
    CHECK((s = dec(B32_HEX, "CPNMUOJ1")) && strcmp(s, "fooba") == 0);
    CHECK((s = dec(B32_CROCKFORD, "csqp-yrk1-e8")) && strcmp(s, "foobar") == 0);
    CHECK((s = dec(B32_CROCKFORD, "CSQPYRKIE8")) && strcmp(s, "foobar") == 0);
    CHECK((s = dec(B32_STD, "")) && strcmp(s, "") == 0);

    CHECK(dec(B32_STD, "MZXQ===") == NULL);       /* short padding */
    CHECK(dec(B32_STD, "MZXW6YTB========") == NULL); /* padding after a full group */
    CHECK(dec(B32_STD, "MZ=XQ") == NULL);         /* data after padding */
    CHECK(dec(B32_STD, "MZXW6Y1B") == NULL);      /* '1' is not a digit here */
    CHECK(dec(B32_STD, "MZX") == NULL);           /* impossible length */
    CHECK(dec(B32_STD, "MZ======") == NULL);      /* leftover bits set */
    CHECK(dec(B32_CROCKFORD, "CSQU") == NULL);    /* no U in Crockford */
    CHECK(dec(B32_HEX, "CPNG====") != NULL);

    CHECK(b32_decode(B32_STD, "MZXW6===", 8, two, sizeof two) == B32_ERR_SPACE);
}

static void test_names(void)
{
    b32_alphabet a = B32_STD;

    CHECK(b32_alphabet_from_name("crockford", &a) == 0 && a == B32_CROCKFORD);
    CHECK(b32_alphabet_from_name("hex", &a) == 0 && a == B32_HEX);
    CHECK(b32_alphabet_from_name("base64", &a) == -1);
    CHECK_STR(b32_alphabet_name(B32_STD), "std");
    CHECK(strlen(b32_version()) >= 5);
}

int main(int argc, char **argv)
{
    test_verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    test_sizes();
    test_encode();
    test_decode();
    test_names();
    return test_summary("test_codec");
}
