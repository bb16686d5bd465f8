/* adler32.c -- Adler-32 (RFC 1950). */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "ck.h"
#include "ckint.h"

#define BASE 65521UL /* largest prime smaller than 65536 */

/* NMAX is the largest n such that 255n(n+1)/2 + (n+1)(BASE-1) <= 2^32-1,
 * so the sums can go that long between reductions. */
#define NMAX 5552

unsigned long
ck_adler32(unsigned long adler, const void *buf, size_t len)
{
    const unsigned char *p = (const unsigned char *)buf;
    ck_u32 a, b;
    size_t n;

    if (buf == NULL)
        return 1UL;

    a = CK_MASK32(adler) & 0xffff;
    b = (CK_MASK32(adler) >> 16) & 0xffff;
    while (len > 0) {
        n = len < NMAX ? len : NMAX;
        len -= n;
        while (n--) {
            a += *p++;
            b += a;
        }
        a %= BASE;
        b %= BASE;
    }
    return (unsigned long)((b << 16) | a);
}
