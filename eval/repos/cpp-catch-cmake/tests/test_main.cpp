#define MINICATCH_MAIN
#include "minicatch.hpp"
