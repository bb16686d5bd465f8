#include "urlq.h"

#include <stdlib.h>
#include <string.h>

#include "urlq_config.h"

size_t urlq_max_params(void)
{
    return URLQ_MAX_PARAMS;
}

const char *urlq_version(void)
{
    return URLQ_VERSION;
}

static char *decode_copy(const char *s, size_t len, int *err)
{
    char *copy = malloc(len + 1);
    if (!copy) {
        *err = URLQ_ENOMEM;
        return NULL;
    }
    if (urlq_decode(s, len, copy, URLQ_FORM) < 0) {
        free(copy);
        *err = URLQ_EINVAL;
        return NULL;
    }
    return copy;
}

void urlq_free(urlq_query *query)
{
    size_t i;
    for (i = 0; i < query->count; i++) {
        free(query->params[i].key);
        free(query->params[i].value);
    }
    free(query->params);
    query->params = NULL;
    query->count = 0;
}

int urlq_parse(const char *text, urlq_query *query)
{
    const char *p = text;
    int err = 0;

    query->params = calloc(URLQ_MAX_PARAMS, sizeof *query->params);
    query->count = 0;
    if (!query->params)
        return URLQ_ENOMEM;
    if (*p == '?')
        p++;

    while (*p && !err) {
        size_t len = strcspn(p, "&;");
        const char *eq = memchr(p, '=', len);
        size_t key_len = eq ? (size_t)(eq - p) : len;

        if (len > 0) {
            urlq_param *param;
            if (query->count == URLQ_MAX_PARAMS) {
                err = URLQ_ETOOMANY;
                break;
            }
            param = &query->params[query->count];
            param->key = decode_copy(p, key_len, &err);
            if (param->key) {
                param->value = eq ? decode_copy(eq + 1, len - key_len - 1, &err)
                                  : decode_copy("", 0, &err);
                if (!param->value) {
                    free(param->key);
                    param->key = NULL;
                } else {
                    query->count++;
                }
            }
        }
        p += len;
        if (*p)
            p++;
    }
    if (err)
        urlq_free(query);
    return err;
}

const char *urlq_get(const urlq_query *query, const char *key)
{
    size_t i;
    for (i = 0; i < query->count; i++) {
        if (strcmp(query->params[i].key, key) == 0)
            return query->params[i].value;
    }
    return NULL;
}

size_t urlq_count(const urlq_query *query, const char *key)
{
    size_t i;
    size_t n = 0;
    for (i = 0; i < query->count; i++)
        n += strcmp(query->params[i].key, key) == 0;
    return n;
}

char *urlq_build(const urlq_query *query)
{
    size_t need = 0;
    size_t i;
    char *out;
    char *p;

    for (i = 0; i < query->count; i++) {
        const urlq_param *param = &query->params[i];
        need += urlq_encode(param->key, strlen(param->key), NULL, 0, URLQ_FORM);
        need += urlq_encode(param->value, strlen(param->value), NULL, 0, URLQ_FORM);
        need += 2; /* '=' and '&' or the NUL */
    }
    out = malloc(need + 1);
    if (!out)
        return NULL;
    p = out;
    *p = '\0';
    for (i = 0; i < query->count; i++) {
        const urlq_param *param = &query->params[i];
        size_t room = need + 1 - (size_t)(p - out);
        if (i > 0) {
            *p++ = '&';
            room--;
        }
        p += urlq_encode(param->key, strlen(param->key), p, room, URLQ_FORM);
        *p++ = '=';
        room = need + 1 - (size_t)(p - out);
        p += urlq_encode(param->value, strlen(param->value), p, room, URLQ_FORM);
    }
    *p = '\0';
    return out;
}
