#ifndef RING_H
#define RING_H

#include <stddef.h>

/* A fixed-size ring of ints. */
typedef struct {
    int items[8];
    size_t head;
    size_t count;
} ring_t;

void ring_init(ring_t *ring);
int ring_push(ring_t *ring, int value); /* 0 when full */
int ring_pop(ring_t *ring, int *value); /* 0 when empty */

#endif
