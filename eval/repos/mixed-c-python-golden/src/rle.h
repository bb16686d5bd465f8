#ifndef RLE_H
#define RLE_H

#include <stdio.h>

/* The longest run one pair can hold: a count is always one digit, 1 to 9. */
#define RLE_MAX_RUN 9

/* Writes the run-length encoding of in to out: each run of a byte becomes the
 * digit of its length followed by the byte, longer runs being split ("aaaa" ->
 * "4a"). Returns 0, or -1 on an I/O error. */
int rle_encode(FILE *in, FILE *out);

enum rle_status {
  RLE_OK = 0,
  RLE_IO_ERROR = -1,
  RLE_BAD_COUNT = 1, /* a count that is not a digit from 1 to 9 */
  RLE_TRUNCATED = 2, /* the input ends after a count */
};

/* Reverses rle_encode. On RLE_BAD_COUNT or RLE_TRUNCATED, *offset is the offset
 * of the byte in question (of the count, for a truncated pair). */
enum rle_status rle_decode(FILE *in, FILE *out, long *offset);

const char *rle_strerror(enum rle_status status);

#endif
