#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "urlq.h"

static const char *encode(const char *in, int flags)
{
    static char buf[256];
    urlq_encode(in, strlen(in), buf, sizeof buf, flags);
    return buf;
}

static const char *decode(const char *in, int flags)
{
    static char buf[256];
    if (urlq_decode(in, strlen(in), buf, flags) < 0)
        return NULL;
    return buf;
}

int main(void)
{
    char small[6];
    char bytes[] = {'a', '\0', 'b'};
    char raw[4];
    int c;

    CHECK_STR("abcXYZ019-._~", encode("abcXYZ019-._~", 0));
    CHECK_STR("a%20b%2Fc%3F", encode("a b/c?", 0));
    CHECK_STR("a+b%2Bc", encode("a b+c", URLQ_FORM));
    CHECK_STR("caf%C3%A9", encode("caf\xc3\xa9", 0));

    /* Embedded NULs are encoded: the length is what counts. */
    CHECK(urlq_encode(bytes, sizeof bytes, raw, sizeof raw, 0) == 5);
    CHECK_STR("a%0", raw); /* truncated to fit, still terminated */

    CHECK(urlq_encode("hello world", 11, small, sizeof small, 0) == 13);
    CHECK_STR("hello", small);
    CHECK(urlq_encode("x", 1, NULL, 0, 0) == 1);

    CHECK_STR("a b/c?", decode("a%20b%2Fc%3F", 0));
    CHECK_STR("a+b", decode("a+b", 0));
    CHECK_STR("a b", decode("a+b", URLQ_FORM));
    CHECK_STR("\xc3\xa9", decode("%c3%A9", 0));
    CHECK(decode("%", 0) == NULL);
    CHECK(decode("%4", 0) == NULL);
    CHECK(decode("%zz", 0) == NULL);
    CHECK(urlq_decode("%00x", 4, raw, 0) == 2 && raw[0] == '\0' && raw[1] == 'x');

    /* Every byte survives a round trip. */
    for (c = 1; c < 256; c++) {
        char in[2] = {(char)c, '\0'};
        char enc[8];
        char dec[8];
        urlq_encode(in, 1, enc, sizeof enc, URLQ_FORM);
        CHECK(urlq_decode(enc, strlen(enc), dec, URLQ_FORM) == 1 && dec[0] == (char)c);
    }

    return CHECK_DONE();
}
