/* test_vectors -- checks both checksums against tests/data/vectors.txt.
 *
 * Run from the top of the source tree (make check does), or give the path
 * of the vectors file as the only argument.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck.h"

#define VECTORS "tests/data/vectors.txt"

int
main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : VECTORS;
    char line[512], name[32], want[16], got[9];
    int lineno = 0, checked = 0, failed = 0, skip;
    FILE *fp;

    if ((fp = fopen(path, "r")) == NULL) {
        perror(path);
        return 1;
    }
    while (fgets(line, sizeof line, fp) != NULL) {
        char *input;
        unsigned long sum;
        int algo;

        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (sscanf(line, "%31s %15s %n", name, want, &skip) != 2) {
            fprintf(stderr, "%s:%d: malformed line\n", path, lineno);
            failed++;
            continue;
        }
        input = line + skip;
        if (strcmp(input, "-") == 0)
            input = "";

        algo = ck_algorithm(name);
        if (algo == CK_CRC32)
            sum = ck_crc32(ck_crc32(0UL, NULL, 0), input, strlen(input));
        else if (algo == CK_ADLER32)
            sum = ck_adler32(ck_adler32(0UL, NULL, 0), input, strlen(input));
        else {
            fprintf(stderr, "%s:%d: unknown algorithm %s\n", path, lineno, name);
            failed++;
            continue;
        }
        checked++;
        if (strcmp(ck_hex32(sum, got), want) != 0) {
            fprintf(stderr, "%s:%d: %s(\"%s\") = %s, want %s\n",
                    path, lineno, name, input, got, want);
            failed++;
        }
    }
    fclose(fp);

    if (checked == 0) {
        fprintf(stderr, "%s: no vectors found\n", path);
        return 1;
    }
    printf("test_vectors: %d vectors, %d failed\n", checked, failed);
    return failed ? 1 : 0;
}
