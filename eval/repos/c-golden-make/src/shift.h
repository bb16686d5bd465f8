#ifndef SHIFT_H
#define SHIFT_H

/* Shifts ASCII letters by n places (negative n shifts back); other bytes are kept. */
char shift_char(char c, int n);

#endif
