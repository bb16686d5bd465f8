// strkit/config.hpp -- what the compiler's language level lets strkit offer.
#ifndef STRKIT_CONFIG_HPP
#define STRKIT_CONFIG_HPP

#if defined(_MSVC_LANG) && _MSVC_LANG > __cplusplus
#define STRKIT_CPLUSPLUS _MSVC_LANG
#else
#define STRKIT_CPLUSPLUS __cplusplus
#endif

#if STRKIT_CPLUSPLUS < 201103L
#error "strkit needs C++11 or later"
#endif

// Loops and several statements in constexpr functions (C++14).
#if STRKIT_CPLUSPLUS >= 201402L
#define STRKIT_HAS_RELAXED_CONSTEXPR 1
#define STRKIT_CONSTEXPR14 constexpr
#else
#define STRKIT_HAS_RELAXED_CONSTEXPR 0
#define STRKIT_CONSTEXPR14 inline
#endif

// std::string_view overloads (C++17).
#if STRKIT_CPLUSPLUS >= 201703L
#define STRKIT_HAS_STRING_VIEW 1
#include <string_view>
#else
#define STRKIT_HAS_STRING_VIEW 0
#endif

#define STRKIT_VERSION_MAJOR 2
#define STRKIT_VERSION_MINOR 1

#endif // STRKIT_CONFIG_HPP
