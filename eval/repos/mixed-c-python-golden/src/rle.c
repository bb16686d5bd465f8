#include "rle.h"

static int put_run(FILE *out, int byte, int count) {
  if (putc('0' + count, out) == EOF || putc(byte, out) == EOF) {
    return -1;
  }
  return 0;
}

int rle_encode(FILE *in, FILE *out) {
  int prev = EOF;
  int count = 0;
  int c;

  while ((c = getc(in)) != EOF) {
    if (c == prev && count < RLE_MAX_RUN) {
      count++;
      continue;
    }
    if (count > 0 && put_run(out, prev, count) != 0) {
      return -1;
    }
    prev = c;
    count = 1;
  }
  if (ferror(in)) {
    return -1;
  }
  if (count > 0 && put_run(out, prev, count) != 0) {
    return -1;
  }
  return fflush(out) == 0 ? 0 : -1;
}

enum rle_status rle_decode(FILE *in, FILE *out, long *offset) {
  long pos = 0;
  int digit;

  while ((digit = getc(in)) != EOF) {
    int byte;
    int n;

    if (digit < '1' || digit > '9') {
      *offset = pos;
      return RLE_BAD_COUNT;
    }
    byte = getc(in);
    if (byte == EOF) {
      if (ferror(in)) {
        return RLE_IO_ERROR;
      }
      *offset = pos;
      return RLE_TRUNCATED;
    }
    for (n = digit - '0'; n > 0; n--) {
      if (putc(byte, out) == EOF) {
        return RLE_IO_ERROR;
      }
    }
    pos += 2;
  }
  if (ferror(in)) {
    return RLE_IO_ERROR;
  }
  return fflush(out) == 0 ? RLE_OK : RLE_IO_ERROR;
}

const char *rle_strerror(enum rle_status status) {
  switch (status) {
  case RLE_OK:
    return "success";
  case RLE_IO_ERROR:
    return "input/output error";
  case RLE_BAD_COUNT:
    return "bad run length";
  case RLE_TRUNCATED:
    return "input ends inside a run";
  }
  return "unknown error";
}
