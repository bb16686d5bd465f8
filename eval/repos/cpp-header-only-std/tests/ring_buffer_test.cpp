#include <cstdio>
#include <stdexcept>
#include <string>

#include "ringbuf/ring_buffer.hpp"

static int failures = 0;
#define EXPECT(cond) \
  ((cond) ? (void)0 : (void)(std::fprintf(stderr, "%s:%d: EXPECT(%s)\n", __FILE__, __LINE__, #cond), ++failures))

static void overwrites_oldest() {
  ringbuf::RingBuffer<int, 3> rb;
  for (int i = 1; i <= 5; ++i) rb.push(i);
  EXPECT(rb.full());
  EXPECT(rb[0] == 3);
  EXPECT(rb.pop() == 3);
  EXPECT(rb.size() == 2);
}

static void pop_empty_throws() {
  ringbuf::RingBuffer<std::string, 2> rb;
  bool threw = false;
  try {
    rb.pop();
  } catch (const std::out_of_range&) {
    threw = true;
  }
  EXPECT(threw);
}

static void capacity_is_constexpr() {
  static_assert(ringbuf::RingBuffer<char, 7>::capacity() == 7, "capacity");
  EXPECT((ringbuf::RingBuffer<char, 7>::capacity() == 7));
}

int main() {
  overwrites_oldest();
  pop_empty_throws();
  capacity_is_constexpr();
  std::printf("C++ %ld: %d failure(s)\n", static_cast<long>(__cplusplus), failures);
  return failures == 0 ? 0 : 1;
}
