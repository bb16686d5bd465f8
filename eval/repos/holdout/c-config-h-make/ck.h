/* ck.h -- public interface of libck, a small checksum library.
 *
 * Both checksums are computed incrementally: pass the value returned by the
 * previous call (or the initial value) with the next piece of the data.
 *
 *     unsigned long crc = ck_crc32(0L, NULL, 0);
 *     while ((n = read(fd, buf, sizeof buf)) > 0)
 *         crc = ck_crc32(crc, buf, n);
 */
#ifndef CK_H
#define CK_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Algorithms known to ck_stream() and ck_file(). */
#define CK_CRC32   1
#define CK_ADLER32 2

/* CRC-32 as used by zlib, gzip and PNG (reflected polynomial 0xEDB88320).
 * With buf == NULL, returns the initial value. */
unsigned long ck_crc32(unsigned long crc, const void *buf, size_t len);

/* Adler-32 as defined in RFC 1950.  With buf == NULL, returns the initial
 * value. */
unsigned long ck_adler32(unsigned long adler, const void *buf, size_t len);

/* Checksum everything left in a stream, or in the file at path.  Return 0
 * and store the checksum in *out, or return -1 on a read error (errno is
 * set) or an unknown algorithm. */
int ck_stream(FILE *fp, int algo, unsigned long *out);
int ck_file(const char *path, int algo, unsigned long *out);

/* Algorithm number for a name such as "crc32", or 0. */
int ck_algorithm(const char *name);

/* Write value as eight lower-case hex digits and a NUL into out[9].
 * Returns out. */
char *ck_hex32(unsigned long value, char *out);

/* "libck X.Y.Z" */
const char *ck_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CK_H */
