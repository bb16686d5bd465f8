/* vars.h -- the calculator's variables. */
#ifndef CALC_VARS_H
#define CALC_VARS_H

#define VARS_MAX 64
#define VARS_NAME_MAX 31

/* Returns 1 and stores the value when name is set, 0 otherwise.  The
 * constants pi and e are always set. */
int vars_get(const char *name, double *value);

/* Returns 0, or -1 when the table is full or name is a constant. */
int vars_set(const char *name, double value);

/* 1 for the read-only names. */
int vars_is_constant(const char *name);

#endif
