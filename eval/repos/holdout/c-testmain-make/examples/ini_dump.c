/* ini_dump -- prints every section/name/value an INI file holds.
 *
 *   $ ./ini_dump tests/sample.ini
 */
#include <stdio.h>

#include "ini.h"

static int dump(void *user, const char *section, const char *name,
                const char *value, int lineno)
{
    FILE *out = (FILE *)user;
    fprintf(out, "%4d  [%s] %s = %s\n", lineno, section, name, value);
    return 1;
}

int main(int argc, char **argv)
{
    int i;
    int status = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.ini...\n", argv[0]);
        return 2;
    }
    for (i = 1; i < argc; i++) {
        int rc = ini_parse(argv[i], dump, stdout);
        if (rc == INI_ERR_OPEN) {
            fprintf(stderr, "%s: cannot open\n", argv[i]);
            status = 1;
        } else if (rc > 0) {
            fprintf(stderr, "%s:%d: parse error\n", argv[i], rc);
            status = 1;
        }
    }
    return status;
}
