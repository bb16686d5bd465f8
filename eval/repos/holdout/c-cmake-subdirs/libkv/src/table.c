#include "kv/table.h"

#include <stdlib.h>
#include <string.h>

#include "hash/fnv1a.h"

#ifndef KV_INITIAL_BUCKETS
#error "KV_INITIAL_BUCKETS must be defined"
#endif

struct entry {
  char *key;
  int value;
  struct entry *next;
};

struct kv_table {
  struct entry *buckets[KV_INITIAL_BUCKETS];
  size_t size;
};

kv_table *kv_new(void) { return calloc(1, sizeof(kv_table)); }

void kv_free(kv_table *t) {
  for (size_t i = 0; i < KV_INITIAL_BUCKETS; i++) {
    struct entry *e = t->buckets[i];
    while (e) {
      struct entry *next = e->next;
      free(e->key);
      free(e);
      e = next;
    }
  }
  free(t);
}

static struct entry **slot(const kv_table *t, const char *key) {
  return (struct entry **)&t->buckets[fnv1a32_str(key) % KV_INITIAL_BUCKETS];
}

int kv_put(kv_table *t, const char *key, int value) {
  struct entry **head = slot(t, key);
  for (struct entry *e = *head; e; e = e->next) {
    if (strcmp(e->key, key) == 0) {
      e->value = value;
      return 0;
    }
  }
  struct entry *e = malloc(sizeof *e);
  if (!e) return -1;
  e->key = malloc(strlen(key) + 1);
  if (!e->key) {
    free(e);
    return -1;
  }
  strcpy(e->key, key);
  e->value = value;
  e->next = *head;
  *head = e;
  t->size++;
  return 0;
}

int kv_get(const kv_table *t, const char *key, int *value) {
  for (struct entry *e = *slot(t, key); e; e = e->next) {
    if (strcmp(e->key, key) == 0) {
      *value = e->value;
      return 0;
    }
  }
  return -1;
}

size_t kv_size(const kv_table *t) { return t->size; }
