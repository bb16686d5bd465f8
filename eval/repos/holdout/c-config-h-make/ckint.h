/* ckint.h -- definitions shared by the library sources; not installed. */
#ifndef CKINT_H
#define CKINT_H

#ifndef PACKAGE_STRING
# error "config.h was not included: compile with -DHAVE_CONFIG_H -I."
#endif

#if defined(HAVE_STDINT_H)
# include <stdint.h>
typedef uint32_t ck_u32;
#elif defined(HAVE_INTTYPES_H)
# include <inttypes.h>
typedef uint32_t ck_u32;
#else
typedef unsigned long ck_u32; /* at least 32 bits; values are masked */
#endif

#define CK_MASK32(x) ((ck_u32)((x) & 0xffffffffUL))

#endif /* CKINT_H */
