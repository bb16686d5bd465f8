#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "urlq.h"

static void test_basic(void)
{
    urlq_query q;
    CHECK(urlq_parse("?name=Ada+Lovelace&lang=en&flag&empty=&lang=fr", &q) == 0);
    CHECK(q.count == 5);
    CHECK_STR("Ada Lovelace", urlq_get(&q, "name"));
    CHECK_STR("en", urlq_get(&q, "lang"));
    CHECK(urlq_count(&q, "lang") == 2);
    CHECK_STR("", urlq_get(&q, "flag"));
    CHECK_STR("", urlq_get(&q, "empty"));
    CHECK(urlq_get(&q, "missing") == NULL);
    urlq_free(&q);
    CHECK(q.count == 0 && q.params == NULL);
}

static void test_separators_and_escapes(void)
{
    urlq_query q;
    CHECK(urlq_parse("a=1;;b=%3D%26&&c=x=y&", &q) == 0);
    CHECK(q.count == 3);
    CHECK_STR("=&", urlq_get(&q, "b"));
    CHECK_STR("x=y", urlq_get(&q, "c"));
    urlq_free(&q);

    CHECK(urlq_parse("", &q) == 0 && q.count == 0);
    urlq_free(&q);
    CHECK(urlq_parse("ok=1&bad=%G1", &q) == URLQ_EINVAL);
    CHECK(q.count == 0);
}

static void test_limit(void)
{
    size_t max = urlq_max_params();
    size_t i;
    char *text = malloc(max * 8 + 16);
    char *p = text;
    urlq_query q;

    CHECK(max >= 1);
    for (i = 0; i < max; i++)
        p += sprintf(p, "%sk%zu=1", i ? "&" : "", i);
    CHECK(urlq_parse(text, &q) == 0 && q.count == max);
    urlq_free(&q);
    strcpy(p, "&one=more");
    CHECK(urlq_parse(text, &q) == URLQ_ETOOMANY);
    strcpy(p, "&&;");
    CHECK(urlq_parse(text, &q) == 0 && q.count == max);
    urlq_free(&q);
    free(text);
}

static void test_build_round_trip(void)
{
    urlq_query q;
    urlq_query again;
    char *built;

    CHECK(urlq_parse("q=caf%C3%A9+au+lait&page=2&x%2By=1%2F2&flag", &q) == 0);
    built = urlq_build(&q);
    CHECK_STR("q=caf%C3%A9+au+lait&page=2&x%2By=1%2F2&flag=", built);
    CHECK(urlq_parse(built, &again) == 0);
    CHECK(again.count == q.count);
    CHECK_STR("1/2", urlq_get(&again, "x+y"));
    free(built);
    urlq_free(&again);
    urlq_free(&q);

    q.params = NULL;
    q.count = 0;
    built = urlq_build(&q);
    CHECK_STR("", built);
    free(built);
}

int main(void)
{
    test_basic();
    test_separators_and_escapes();
    test_limit();
    test_build_round_trip();
    CHECK(strcmp(urlq_version(), "0.3.0") == 0);
    return CHECK_DONE();
}
