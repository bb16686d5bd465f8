#include "unity_fixture.h"

TEST_GROUP_RUNNER(ring)
{
    RUN_TEST_CASE(ring, starts_empty);
    RUN_TEST_CASE(ring, keeps_order);
    RUN_TEST_CASE(ring, refuses_when_full);
}

static void run_all_tests(void)
{
    RUN_TEST_GROUP(ring);
}

int main(int argc, const char **argv)
{
    return UnityMain(argc, argv, run_all_tests);
}
