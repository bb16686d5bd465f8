#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>

namespace ringbuf {

// A fixed-capacity FIFO that overwrites its oldest element when full.
template <typename T, std::size_t N>
class RingBuffer {
 public:
  void push(const T& value) {
    data_[(start_ + size_) % N] = value;
    if (size_ < N) {
      ++size_;
    } else {
      start_ = (start_ + 1) % N;
    }
  }

  T pop() {
    if (size_ == 0) throw std::out_of_range("pop from empty RingBuffer");
    T value = data_[start_];
    start_ = (start_ + 1) % N;
    --size_;
    return value;
  }

  const T& operator[](std::size_t i) const { return data_[(start_ + i) % N]; }
  std::size_t size() const { return size_; }
  bool full() const { return size_ == N; }
  static constexpr std::size_t capacity() { return N; }

 private:
  std::array<T, N> data_{};
  std::size_t start_ = 0;
  std::size_t size_ = 0;
};

}  // namespace ringbuf
