#include "unity.h"
#include "temp_sensor.h"

void setUp(void) {}
void tearDown(void) {}

static void test_ends_of_the_scale(void)
{
    TEST_ASSERT_EQUAL_INT(-400, temp_sensor_tenths(0));
    TEST_ASSERT_EQUAL_INT(1250, temp_sensor_tenths(4095));
}

static void test_middle_of_the_scale(void)
{
    TEST_ASSERT_EQUAL_INT(425, temp_sensor_tenths(2048));
}

static void test_out_of_range(void)
{
    TEST_ASSERT_TRUE(temp_sensor_out_of_range(-1));
    TEST_ASSERT_TRUE(temp_sensor_out_of_range(4096));
    TEST_ASSERT_FALSE(temp_sensor_out_of_range(100));
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_ends_of_the_scale);
    RUN_TEST(test_middle_of_the_scale);
    RUN_TEST(test_out_of_range);
    return UNITY_END();
}
