/* expr.h -- parse and evaluate one calculator line. */
#ifndef CALC_EXPR_H
#define CALC_EXPR_H

#include <stddef.h>

enum expr_status {
    EXPR_VALUE,      /* an expression: *result holds its value */
    EXPR_ASSIGNED,   /* "name = expr": the variable is set, *result holds it */
    EXPR_EMPTY,      /* blank line or comment */
    EXPR_ERROR       /* message holds the reason */
};

/* Evaluates line.  On EXPR_ERROR, up to size-1 bytes of a message such as
 * "unexpected ')' at column 4" are written to message. */
enum expr_status expr_eval(const char *line, double *result, char *message, size_t size);

#endif
