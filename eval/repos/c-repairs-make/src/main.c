#define CFG "cfg.h"
#include CFG
int main(void) { return LEVEL - 1; }
