/* test_api -- incremental use, streams, names and formatting. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"

static int failures = 0;

#define CHECK(cond) do { \
    if (!(cond)) { \
        fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        failures++; \
    } \
} while (0)

#define BIGLEN 100000

/* zlib's values for the BIGLEN bytes i % 251. */
#define BIG_CRC32   0xb353b8faUL
#define BIG_ADLER32 0x84cba994UL

static unsigned char big[BIGLEN];

static void
test_incremental(void)
{
    unsigned long crc = ck_crc32(0UL, NULL, 0);
    unsigned long adler = ck_adler32(0UL, NULL, 0);
    size_t off, step;

    CHECK(crc == 0UL);
    CHECK(adler == 1UL);
    CHECK(ck_crc32(crc, big, BIGLEN) == BIG_CRC32);
    CHECK(ck_adler32(adler, big, BIGLEN) == BIG_ADLER32);

    /* Uneven pieces, some longer than the Adler-32 reduction interval. */
    for (off = 0, step = 1; off < BIGLEN; off += step, step = step * 3 + 7) {
        size_t n = BIGLEN - off < step ? BIGLEN - off : step;
        crc = ck_crc32(crc, big + off, n);
        adler = ck_adler32(adler, big + off, n);
    }
    CHECK(crc == BIG_CRC32);
    CHECK(adler == BIG_ADLER32);
}

static void
test_stream(void)
{
    unsigned long sum = 0;
    FILE *fp = tmpfile();

    CHECK(fp != NULL);
    if (fp == NULL)
        return;
    CHECK(fwrite(big, 1, BIGLEN, fp) == BIGLEN);

    rewind(fp);
    CHECK(ck_stream(fp, CK_CRC32, &sum) == 0 && sum == BIG_CRC32);
    rewind(fp);
    CHECK(ck_stream(fp, CK_ADLER32, &sum) == 0 && sum == BIG_ADLER32);
    rewind(fp);
    CHECK(ck_stream(fp, 99, &sum) == -1);
    fclose(fp);

    CHECK(ck_file("does/not/exist", CK_CRC32, &sum) == -1);
}

static void
test_names_and_format(void)
{
    char hex[9];

    CHECK(ck_algorithm("crc32") == CK_CRC32);
    CHECK(ck_algorithm("adler") == CK_ADLER32);
    CHECK(ck_algorithm("md5") == 0);
    CHECK(ck_algorithm(NULL) == 0);

    CHECK(strcmp(ck_hex32(0xcbf43926UL, hex), "cbf43926") == 0);
    CHECK(strcmp(ck_hex32(0x1UL, hex), "00000001") == 0);
    CHECK(strcmp(ck_hex32(0xffffffffUL, hex), "ffffffff") == 0);

    CHECK(strcmp(ck_version(), PACKAGE_STRING) == 0);
    CHECK(strncmp(ck_version(), "libck ", 6) == 0);
}

int
main(void)
{
    size_t i;

    for (i = 0; i < BIGLEN; i++)
        big[i] = (unsigned char)(i % 251);

    test_incremental();
    test_stream();
    test_names_and_format();

    printf("test_api: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
