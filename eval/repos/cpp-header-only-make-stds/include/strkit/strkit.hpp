// strkit -- small string utilities for C++11 and later.
//
// Everything is header-only; include this header or the single parts.
// Some functions exist only from a given standard on: see config.hpp.
#ifndef STRKIT_STRKIT_HPP
#define STRKIT_STRKIT_HPP

#include "ascii.hpp"
#include "config.hpp"
#include "join.hpp"
#include "split.hpp"
#include "trim.hpp"

#endif // STRKIT_STRKIT_HPP
