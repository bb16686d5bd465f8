#ifndef KV_TABLE_H
#define KV_TABLE_H

#include <stddef.h>

typedef struct kv_table kv_table;

kv_table *kv_new(void);
void kv_free(kv_table *t);
int kv_put(kv_table *t, const char *key, int value);
int kv_get(const kv_table *t, const char *key, int *value);
size_t kv_size(const kv_table *t);

#endif
