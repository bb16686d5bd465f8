/* config.h.  Maintained by hand; there is no configure script.
 *
 * The values below suit any POSIX system with a C99 compiler (Linux, the
 * BSDs, macOS).  On anything else, adjust the HAVE_* lines and rebuild.
 * Every source file includes this header first, under HAVE_CONFIG_H.  */

/* Define to 1 if you have the <inttypes.h> header file. */
#define HAVE_INTTYPES_H 1

/* Define to 1 if you have the <stdint.h> header file. */
#define HAVE_STDINT_H 1

/* Define to 1 if you have the <string.h> header file. */
#define HAVE_STRING_H 1

/* Define to 1 if you have the <unistd.h> header file. */
#define HAVE_UNISTD_H 1

/* Define to 1 if you have the `snprintf' function. */
#define HAVE_SNPRINTF 1

/* Define to 1 if you have the `strerror' function. */
#define HAVE_STRERROR 1

/* Define to 1 if your processor stores words with the most significant byte
   first (like Motorola and SPARC, unlike Intel). */
/* #undef WORDS_BIGENDIAN */

/* Size of the buffer ck_stream() reads through. */
#define CK_BUFSIZE 8192

/* Name of package */
#define PACKAGE "libck"

/* Define to the address where bug reports for this package should be sent. */
#define PACKAGE_BUGREPORT "libck-bugs@lists.example.org"

/* Define to the full name of this package. */
#define PACKAGE_NAME "libck"

/* Define to the full name and version of this package. */
#define PACKAGE_STRING "libck 0.3.1"

/* Define to the version of this package. */
#define PACKAGE_VERSION "0.3.1"

/* Version number of package */
#define VERSION "0.3.1"
