#include "vars.h"

#include <string.h>

static struct {
    char name[VARS_NAME_MAX + 1];
    double value;
} table[VARS_MAX];
static int used;

static const struct {
    const char *name;
    double value;
} constants[] = {
    {"pi", 3.14159265358979323846},
    {"e", 2.71828182845904523536},
};

int vars_is_constant(const char *name)
{
    size_t i;
    for (i = 0; i < sizeof constants / sizeof constants[0]; i++) {
        if (strcmp(constants[i].name, name) == 0)
            return 1;
    }
    return 0;
}

int vars_get(const char *name, double *value)
{
    size_t i;
    int k;

    for (i = 0; i < sizeof constants / sizeof constants[0]; i++) {
        if (strcmp(constants[i].name, name) == 0) {
            *value = constants[i].value;
            return 1;
        }
    }
    for (k = 0; k < used; k++) {
        if (strcmp(table[k].name, name) == 0) {
            *value = table[k].value;
            return 1;
        }
    }
    return 0;
}

int vars_set(const char *name, double value)
{
    int k;

    if (vars_is_constant(name))
        return -1;
    for (k = 0; k < used; k++) {
        if (strcmp(table[k].name, name) == 0) {
            table[k].value = value;
            return 0;
        }
    }
    if (used == VARS_MAX)
        return -1;
    strncpy(table[used].name, name, VARS_NAME_MAX);
    table[used].name[VARS_NAME_MAX] = '\0';
    table[used].value = value;
    used++;
    return 0;
}
