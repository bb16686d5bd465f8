#include "ring.h"

#define RING_SLOTS (sizeof(((ring_t *)0)->items) / sizeof(int))

void ring_init(ring_t *ring)
{
    ring->head = 0;
    ring->count = 0;
}

int ring_push(ring_t *ring, int value)
{
    if (ring->count == RING_SLOTS)
        return 0;
    ring->items[(ring->head + ring->count) % RING_SLOTS] = value;
    ring->count++;
    return 1;
}

int ring_pop(ring_t *ring, int *value)
{
    if (ring->count == 0)
        return 0;
    *value = ring->items[ring->head];
    ring->head = (ring->head + 1) % RING_SLOTS;
    ring->count--;
    return 1;
}
