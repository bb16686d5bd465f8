/* A recursive-descent evaluator:
 *
 *   line    := [name '='] expr | empty
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/' | '%') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ['^' unary]          (right-associative)
 *   primary := number | name | name '(' expr [',' expr] ')' | '(' expr ')'
 *
 * '#' starts a comment that runs to the end of the line.
 */
#include "expr.h"

#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vars.h"

struct parser {
    const char *start;
    const char *p;
    char *message;
    size_t size;
    jmp_buf fail;
};

/* Reports "<what> at column N" (N: where the parser stands) and unwinds. */
static void fail(struct parser *ps, const char *what)
{
    snprintf(ps->message, ps->size, "%s at column %d", what, (int)(ps->p - ps->start) + 1);
    longjmp(ps->fail, 1);
}

static void fail_name(struct parser *ps, const char *what, const char *name)
{
    char text[64];
    snprintf(text, sizeof text, "%s '%s'", what, name);
    fail(ps, text);
}

static void skip_space(struct parser *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t')
        ps->p++;
}

static int at_end(struct parser *ps)
{
    skip_space(ps);
    return *ps->p == '\0' || *ps->p == '\n' || *ps->p == '#';
}

static void unexpected(struct parser *ps)
{
    char what[16];
    if (at_end(ps))
        fail(ps, "unexpected end of line");
    snprintf(what, sizeof what, "unexpected '%c'", *ps->p);
    fail(ps, what);
}

static int accept(struct parser *ps, char c)
{
    skip_space(ps);
    if (*ps->p == c) {
        ps->p++;
        return 1;
    }
    return 0;
}

static void expect(struct parser *ps, char c)
{
    if (!accept(ps, c))
        unexpected(ps);
}

static size_t read_name(struct parser *ps, char *name)
{
    size_t n = 0;
    skip_space(ps);
    if (!isalpha((unsigned char)*ps->p) && *ps->p != '_')
        return 0;
    while (isalnum((unsigned char)*ps->p) || *ps->p == '_') {
        if (n < VARS_NAME_MAX)
            name[n++] = *ps->p;
        ps->p++;
    }
    name[n] = '\0';
    return n;
}

static double expr(struct parser *ps);
static double unary(struct parser *ps);

static const struct {
    const char *name;
    int args;
} functions[] = {
    {"sqrt", 1}, {"abs", 1}, {"floor", 1}, {"round", 1}, {"min", 2}, {"max", 2},
};

/* Called after "name(": parses the arguments and the ')' and applies name. */
static double call(struct parser *ps, const char *name)
{
    double arg[2] = {0, 0};
    int count = 0;
    size_t f;

    do {
        double value = expr(ps);
        if (count < 2)
            arg[count] = value;
        count++;
    } while (accept(ps, ','));
    expect(ps, ')');

    for (f = 0; f < sizeof functions / sizeof functions[0]; f++) {
        if (strcmp(functions[f].name, name) == 0)
            break;
    }
    if (f == sizeof functions / sizeof functions[0])
        fail_name(ps, "unknown function", name);
    if (count != functions[f].args)
        fail_name(ps, "wrong number of arguments to", name);

    switch (f) {
    case 0:
        if (arg[0] < 0)
            fail(ps, "sqrt of a negative number");
        return sqrt(arg[0]);
    case 1:
        return fabs(arg[0]);
    case 2:
        return floor(arg[0]);
    case 3:
        return round(arg[0]);
    case 4:
        return arg[0] < arg[1] ? arg[0] : arg[1];
    default:
        return arg[0] > arg[1] ? arg[0] : arg[1];
    }
}

static double primary(struct parser *ps)
{
    char name[VARS_NAME_MAX + 1];
    double value;

    skip_space(ps);
    if (accept(ps, '(')) {
        value = expr(ps);
        expect(ps, ')');
        return value;
    }
    if (isdigit((unsigned char)*ps->p) || *ps->p == '.') {
        char *end;
        value = strtod(ps->p, &end);
        if (end == ps->p)
            unexpected(ps);
        ps->p = end;
        return value;
    }
    if (read_name(ps, name)) {
        if (accept(ps, '('))
            return call(ps, name);
        if (!vars_get(name, &value))
            fail_name(ps, "unknown variable", name);
        return value;
    }
    unexpected(ps);
    return 0;
}

static double power(struct parser *ps)
{
    double base = primary(ps);
    if (accept(ps, '^'))
        return pow(base, unary(ps));
    return base;
}

static double unary(struct parser *ps)
{
    if (accept(ps, '-'))
        return -unary(ps);
    if (accept(ps, '+'))
        return unary(ps);
    return power(ps);
}

static double term(struct parser *ps)
{
    double value = unary(ps);
    for (;;) {
        char op;
        double rhs;
        skip_space(ps);
        op = *ps->p;
        if (op != '*' && op != '/' && op != '%')
            return value;
        ps->p++;
        rhs = unary(ps);
        if (op == '*') {
            value *= rhs;
        } else if (rhs == 0) {
            fail(ps, "division by zero");
        } else if (op == '/') {
            value /= rhs;
        } else {
            value = fmod(value, rhs);
        }
    }
}

static double expr(struct parser *ps)
{
    double value = term(ps);
    for (;;) {
        if (accept(ps, '+'))
            value += term(ps);
        else if (accept(ps, '-'))
            value -= term(ps);
        else
            return value;
    }
}

static enum expr_status eval_line(struct parser *ps, double *result)
{
    char name[VARS_NAME_MAX + 1];
    int assigning = 0;

    if (at_end(ps))
        return EXPR_EMPTY;

    /* "name = ..." is an assignment; any other line starting with a name
     * (a variable or a function call) is an expression. */
    if (read_name(ps, name)) {
        if (accept(ps, '=')) {
            assigning = 1;
            if (vars_is_constant(name))
                fail_name(ps, "cannot assign to constant", name);
        } else {
            ps->p = ps->start;
        }
    }

    *result = expr(ps);
    if (!at_end(ps))
        unexpected(ps);
    if (assigning) {
        if (vars_set(name, *result) != 0)
            fail(ps, "too many variables");
        return EXPR_ASSIGNED;
    }
    return EXPR_VALUE;
}

enum expr_status expr_eval(const char *line, double *result, char *message, size_t size)
{
    struct parser ps;

    ps.start = ps.p = line;
    ps.message = message;
    ps.size = size;
    if (setjmp(ps.fail))
        return EXPR_ERROR;
    return eval_line(&ps, result);
}
