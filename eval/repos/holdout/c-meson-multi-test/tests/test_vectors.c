/* Checks encode and decode against a file of known answers.
 *
 *   test_vectors FILE
 *
 * Each line of FILE is "ALPHABET INPUT OUTPUT": INPUT is text, "-" for
 * nothing, or "hex:" and hex digits; OUTPUT "-" is the empty string.
 */
#include <stdlib.h>
#include <string.h>

#include "b32.h"
#include "testutil.h"

static size_t read_input(const char *field, unsigned char *buf, size_t size)
{
    size_t n = 0;

    if (strcmp(field, "-") == 0)
        return 0;
    if (strncmp(field, "hex:", 4) == 0) {
        const char *p = field + 4;
        while (p[0] && p[1] && n < size) {
            char pair[3] = {p[0], p[1], '\0'};
            buf[n++] = (unsigned char)strtoul(pair, NULL, 16);
            p += 2;
        }
        return n;
    }
    n = strlen(field);
    if (n > size)
        n = size;
    memcpy(buf, field, n);
    return n;
}

int main(int argc, char **argv)
{
    char line[256], name[16], input[96], want[128], got[128];
    unsigned char bytes[64], back[64];
    int lineno = 0, vectors = 0;
    FILE *fp;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    if ((fp = fopen(argv[1], "r")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    while (fgets(line, sizeof line, fp) != NULL) {
        b32_alphabet a;
        size_t n;
        long m;

        lineno++;
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        if (sscanf(line, "%15s %95s %127s", name, input, want) != 3 ||
            b32_alphabet_from_name(name, &a) != 0) {
            fprintf(stderr, "%s:%d: bad line\n", argv[1], lineno);
            test_failures++;
            continue;
        }
        if (strcmp(want, "-") == 0)
            want[0] = '\0';
        vectors++;

        n = read_input(input, bytes, sizeof bytes);
        if (b32_encode(a, bytes, n, got, sizeof got, 0) < 0)
            strcpy(got, "<error>");
        CHECK_STR(got, want);

        m = b32_decode(a, want, strlen(want), back, sizeof back);
        CHECK(m == (long)n && memcmp(back, bytes, n) == 0);
    }
    fclose(fp);

    if (vectors == 0) {
        fprintf(stderr, "%s: no test vectors\n", argv[1]);
        return 1;
    }
    printf("%d vectors from %s\n", vectors, argv[1]);
    return test_summary("test_vectors");
}
