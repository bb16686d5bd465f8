/* util.c -- stream and file checksums, names, formatting. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <errno.h>
#ifdef HAVE_STRING_H
# include <string.h>
#endif

#include "ck.h"
#include "ckint.h"

#ifndef CK_BUFSIZE
# define CK_BUFSIZE 4096
#endif

int
ck_algorithm(const char *name)
{
    if (name == NULL)
        return 0;
    if (strcmp(name, "crc32") == 0 || strcmp(name, "crc") == 0)
        return CK_CRC32;
    if (strcmp(name, "adler32") == 0 || strcmp(name, "adler") == 0)
        return CK_ADLER32;
    return 0;
}

int
ck_stream(FILE *fp, int algo, unsigned long *out)
{
    unsigned char buf[CK_BUFSIZE];
    unsigned long sum;
    size_t n;

    switch (algo) {
    case CK_CRC32:   sum = ck_crc32(0UL, NULL, 0); break;
    case CK_ADLER32: sum = ck_adler32(0UL, NULL, 0); break;
    default:
        errno = EINVAL;
        return -1;
    }

    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (algo == CK_CRC32)
            sum = ck_crc32(sum, buf, n);
        else
            sum = ck_adler32(sum, buf, n);
    }
    if (ferror(fp))
        return -1;
    *out = sum;
    return 0;
}

int
ck_file(const char *path, int algo, unsigned long *out)
{
    FILE *fp;
    int rc, saved;

    if ((fp = fopen(path, "rb")) == NULL)
        return -1;
    rc = ck_stream(fp, algo, out);
    saved = errno;
    fclose(fp);
    errno = saved;
    return rc;
}

char *
ck_hex32(unsigned long value, char *out)
{
#ifdef HAVE_SNPRINTF
    snprintf(out, 9, "%08lx", value & 0xffffffffUL);
#else
    sprintf(out, "%08lx", value & 0xffffffffUL);
#endif
    return out;
}

const char *
ck_version(void)
{
    return PACKAGE_STRING;
}
