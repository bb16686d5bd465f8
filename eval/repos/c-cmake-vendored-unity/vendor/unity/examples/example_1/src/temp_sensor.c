#include "temp_sensor.h"

int temp_sensor_out_of_range(int raw)
{
    return raw < 0 || raw > 4095;
}

int temp_sensor_tenths(int raw)
{
    if (temp_sensor_out_of_range(raw))
        return 0;
    /* 1650 tenths spread over 4095 steps, rounded to nearest. */
    return -400 + (raw * 1650 + 2047) / 4095;
}
