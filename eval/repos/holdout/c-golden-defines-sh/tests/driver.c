/* Golden-output driver: wraps each file named on the command line at a few
 * widths and prints the lines boxed and padded to the width, so that the
 * output shows how this build measures text.  tests/run.sh compares the
 * output with tests/expected/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrap.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0;
    size_t cap = 0;
    size_t n;

    if (!f)
        return NULL;
    do {
        if (cap - len < 512) {
            cap = cap ? cap * 2 : 1024;
            text = realloc(text, cap + 1);
            if (!text)
                exit(3);
        }
        n = fread(text + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    text[len] = '\0';
    return text;
}

static void show(const char *text, size_t width)
{
    size_t need = wrap_text(text, width, NULL, 0);
    char *out = malloc(need + 1);
    const char *line;

    if (!out)
        exit(3);
    if (wrap_text(text, width, out, need + 1) != need || strlen(out) != need) {
        printf("!! inconsistent lengths at width %zu\n", width);
        free(out);
        return;
    }
    printf("-- width %zu (%zu bytes) --\n", width, need);
    for (line = out; *line; ) {
        const char *end = strchr(line, '\n');
        size_t bytes = (size_t)(end - line);
        size_t cols = wrap_width(line, bytes);
        printf("|%.*s%*s|%s\n", (int)bytes, line,
               (int)(cols < width ? width - cols : 0), "",
               cols > width ? " overflow" : "");
        line = end + 1;
    }
    free(out);
}

int main(int argc, char **argv)
{
    static const size_t widths[] = {12, 24, 40};
    char small[8];
    int i;
    size_t w;

    printf("unit: %s\n", wrap_unit());
    printf("width of \"na\\xc3\\xafve caf\\xc3\\xa9\": %zu\n",
           wrap_width("na\xc3\xafve caf\xc3\xa9", strlen("na\xc3\xafve caf\xc3\xa9")));
    printf("truncated: %zu \"%s\"\n",
           wrap_text("one two three", 0, small, sizeof small), small);

    for (i = 1; i < argc; i++) {
        char *text = slurp(argv[i]);
        if (!text) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            return 2;
        }
        printf("== %s ==\n", argv[i]);
        for (w = 0; w < sizeof widths / sizeof widths[0]; w++)
            show(text, widths[w]);
        free(text);
    }
    return 0;
}
