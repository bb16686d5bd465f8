/* cksums -- print the CRC-32 or Adler-32 of files, like cksum(1).
 *
 * usage: cksums [-a crc32|adler32] [FILE]...
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <errno.h>
#ifdef HAVE_STRING_H
# include <string.h>
#endif

#include "ck.h"

static void
usage(void)
{
    fprintf(stderr, "usage: cksums [-a crc32|adler32] [FILE]...\n");
    fprintf(stderr, "Report bugs to <%s>.\n", PACKAGE_BUGREPORT);
}

int
main(int argc, char **argv)
{
    int algo = CK_CRC32;
    int i = 1, status = 0;
    unsigned long sum;
    char hex[9];

    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts(ck_version());
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "-a") == 0) {
        if ((algo = ck_algorithm(argv[2])) == 0) {
            usage();
            return 2;
        }
        i = 3;
    }
    if (i == argc) {
        if (ck_stream(stdin, algo, &sum) != 0) {
            perror("cksums: stdin");
            return 1;
        }
        printf("%s  -\n", ck_hex32(sum, hex));
        return 0;
    }
    for (; i < argc; i++) {
        if (ck_file(argv[i], algo, &sum) != 0) {
#ifdef HAVE_STRERROR
            fprintf(stderr, "cksums: %s: %s\n", argv[i], strerror(errno));
#else
            fprintf(stderr, "cksums: %s: cannot read\n", argv[i]);
#endif
            status = 1;
            continue;
        }
        printf("%s  %s\n", ck_hex32(sum, hex), argv[i]);
    }
    return status;
}
