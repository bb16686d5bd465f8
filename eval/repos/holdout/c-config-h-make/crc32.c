/* crc32.c -- CRC-32, table-driven, one byte at a time. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "ck.h"
#include "ckint.h"

static ck_u32 crc_table[256];
static int crc_table_ready = 0;

static void
make_crc_table(void)
{
    ck_u32 c;
    int n, k;

    for (n = 0; n < 256; n++) {
        c = (ck_u32)n;
        for (k = 0; k < 8; k++)
            c = (c & 1) ? (0xedb88320UL ^ (c >> 1)) : (c >> 1);
        crc_table[n] = CK_MASK32(c);
    }
    crc_table_ready = 1;
}

unsigned long
ck_crc32(unsigned long crc, const void *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    ck_u32 c;

    if (buf == NULL)
        return 0UL;
    if (!crc_table_ready)
        make_crc_table();

    c = CK_MASK32(crc) ^ 0xffffffffUL;
    while (len--)
        c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return (unsigned long)CK_MASK32(c ^ 0xffffffffUL);
}
