/* calc -- a small line-oriented calculator.
 *
 * Reads expressions from standard input, one per line, and prints each
 * result.  "name = expr" sets a variable (and prints nothing); "ans" is the
 * last result.  Errors are reported on standard output as
 * "error: line N: ..." and make the exit status 1.
 *
 *   usage: calc [-p DIGITS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "vars.h"

#define LINE_MAX_LEN 1024

static void usage(void)
{
    fprintf(stderr, "usage: calc [-p DIGITS]   (DIGITS: 1 to 17, default 10)\n");
    exit(2);
}

int main(int argc, char **argv)
{
    char line[LINE_MAX_LEN];
    char message[128];
    int precision = 10;
    int lineno = 0;
    int errors = 0;
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            char *end;
            long p = strtol(argv[++i], &end, 10);
            if (*end != '\0' || p < 1 || p > 17)
                usage();
            precision = (int)p;
        } else {
            usage();
        }
    }

    while (fgets(line, sizeof line, stdin) != NULL) {
        double value;
        lineno++;
        switch (expr_eval(line, &value, message, sizeof message)) {
        case EXPR_VALUE:
            if (value == 0)
                value = 0; /* no "-0" */
            printf("%.*g\n", precision, value);
            vars_set("ans", value);
            break;
        case EXPR_ASSIGNED:
            vars_set("ans", value);
            break;
        case EXPR_EMPTY:
            break;
        case EXPR_ERROR:
            printf("error: line %d: %s\n", lineno, message);
            errors++;
            break;
        }
    }
    return errors ? 1 : 0;
}
