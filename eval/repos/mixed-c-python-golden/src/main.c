/* rle: run-length encode or decode a file or standard input.
 *
 *   rle [-e | -d] [FILE]
 */
#include <stdio.h>
#include <string.h>

#include "rle.h"

#define RLE_VERSION "1.1.0"

static void usage(FILE *to) {
  fputs("usage: rle [-e | -d] [FILE]\n"
        "  -e  encode (the default)\n"
        "  -d  decode\n"
        "  -V  print the version\n",
        to);
}

int main(int argc, char **argv) {
  int decode = 0;
  const char *path = NULL;
  FILE *in = stdin;
  int i;
  int status;

  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-e") == 0) {
      decode = 0;
    } else if (strcmp(argv[i], "-d") == 0) {
      decode = 1;
    } else if (strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "-V") == 0) {
      puts("rle " RLE_VERSION);
      return 0;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      fprintf(stderr, "rle: unknown option %s\n", argv[i]);
      usage(stderr);
      return 2;
    } else if (path == NULL) {
      path = argv[i];
    } else {
      usage(stderr);
      return 2;
    }
  }

  if (path != NULL && strcmp(path, "-") != 0) {
    in = fopen(path, "rb");
    if (in == NULL) {
      perror(path);
      return 1;
    }
  }

  if (decode) {
    long offset = 0;
    enum rle_status s = rle_decode(in, stdout, &offset);
    status = s == RLE_OK ? 0 : 1;
    if (s == RLE_IO_ERROR) {
      fprintf(stderr, "rle: %s\n", rle_strerror(s));
    } else if (s != RLE_OK) {
      fprintf(stderr, "rle: %s at byte %ld\n", rle_strerror(s), offset);
    }
  } else {
    status = rle_encode(in, stdout) == 0 ? 0 : 1;
    if (status != 0) {
      fprintf(stderr, "rle: %s\n", rle_strerror(RLE_IO_ERROR));
    }
  }

  if (in != stdin) {
    fclose(in);
  }
  return status;
}
