#ifndef TEMP_SENSOR_H
#define TEMP_SENSOR_H

/* Converts a raw 12-bit reading (0..4095 over -40..125 C) to tenths of a
 * degree Celsius. */
int temp_sensor_tenths(int raw);

/* 1 when the reading is outside the sensor's range. */
int temp_sensor_out_of_range(int raw);

#endif
