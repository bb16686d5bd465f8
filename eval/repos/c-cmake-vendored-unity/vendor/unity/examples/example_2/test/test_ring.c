#include "unity_fixture.h"
#include "ring.h"

TEST_GROUP(ring);

static ring_t ring;

TEST_SETUP(ring)
{
    ring_init(&ring);
}

TEST_TEAR_DOWN(ring) {}

TEST(ring, starts_empty)
{
    int value;
    TEST_ASSERT_FALSE(ring_pop(&ring, &value));
}

TEST(ring, keeps_order)
{
    int value;
    ring_push(&ring, 1);
    ring_push(&ring, 2);
    TEST_ASSERT_TRUE(ring_pop(&ring, &value));
    TEST_ASSERT_EQUAL_INT(1, value);
    TEST_ASSERT_TRUE(ring_pop(&ring, &value));
    TEST_ASSERT_EQUAL_INT(2, value);
}

/* TODO: ring.h does not have the capacity constant and ring_peek() yet. */
TEST(ring, refuses_when_full)
{
    int i;
    for (i = 0; i < RING_CAPACITY; i++)
        TEST_ASSERT_TRUE(ring_push(&ring, i));
    TEST_ASSERT_FALSE(ring_push(&ring, 99));
    TEST_ASSERT_EQUAL_INT(0, ring_peek(&ring));
}
