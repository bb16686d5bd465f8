// What a test file contains, as the inventory and the check both count it: cases and assertions
// in code only, never in comments or string literals, for every case macro a framework has.
import { describe, expect, it } from 'vitest';
import { testContents } from '../../src/migration/inventory/counters.js';

describe('testContents', () => {
  it('counts no C/C++ assertion inside a comment or a string literal', () => {
    const text = [
      '#include <gtest/gtest.h>',
      'TEST(Url, Parse) {',
      '  // EXPECT_EQ(1, 2);',
      '  /* ASSERT_TRUE(false);',
      '     EXPECT_NE(1, 1); */',
      '  const char* why = "EXPECT_EQ(a, b) was here";',
      '  const char* esc = "quote \\" EXPECT_TRUE(x) \\" still inside";',
      // A `//` inside a string is not a comment: the assertion after it counts.
      '  std::string url = "http://example.com"; EXPECT_EQ(url.size(), 18u);',
      // A `"` inside a character literal opens no string: the assertion after it counts.
      '  char q = \'"\'; ASSERT_EQ(q, 34); const char* s = "x";',
      '}',
    ].join('\n');
    expect(testContents('cpp', text)).toEqual({ framework: 'gtest', cases: 1, assertions: 2 });
  });

  it('counts no C case inside a comment, and no main in a comment makes a test program', () => {
    expect(testContents('c', '/* int main(void) { assert(1); } */\nint helper(void) { return 0; }\n')).toEqual({
      framework: null,
      cases: null,
      assertions: 0,
    });
    expect(testContents('cpp', '// TEST(A, B) {}\nTEST(A, C) {}\n').cases).toBe(1);
  });

  it('counts every gtest case macro, and none of the macros that only instantiate or befriend', () => {
    const text = [
      'TEST(Plain, A) { EXPECT_TRUE(true); }',
      'TEST_F(Fixture, B) {}',
      'TEST_P(Param, C) {}',
      'TYPED_TEST(Typed, D) {}',
      'TYPED_TEST_P(TypedP, E) {}',
      'INSTANTIATE_TEST_SUITE_P(All, Param, ::testing::Values(1));',
      'TYPED_TEST_SUITE(Typed, Types);',
      'REGISTER_TYPED_TEST_SUITE_P(TypedP, E);',
      'FRIEND_TEST(Plain, A);',
    ].join('\n');
    expect(testContents('cpp', text)).toEqual({ framework: 'gtest', cases: 5, assertions: 1 });
  });

  it.each([
    ['TEST_F(Fixture, Only) { EXPECT_EQ(1, 1); }'],
    ['TEST_P(Param, Only) { EXPECT_EQ(1, 1); }'],
    ['TYPED_TEST(Typed, Only) { EXPECT_EQ(1, 1); }'],
    ['TYPED_TEST_P(TypedP, Only) { EXPECT_EQ(1, 1); }'],
  ])('a file whose only case is %s is a gtest file with one case', (text) => {
    expect(testContents('cpp', text)).toEqual({ framework: 'gtest', cases: 1, assertions: 1 });
  });

  it('counts every Catch2 case macro', () => {
    const text = [
      'TEST_CASE("plain") { REQUIRE(1 == 1); }',
      'TEST_CASE_METHOD(Fixture, "method") { CHECK(true); }',
      'SCENARIO("bdd") {}',
      'TEMPLATE_TEST_CASE("templated", "", int, long) {}',
      'TEMPLATE_LIST_TEST_CASE("listed", "", Types) {}',
      'TEMPLATE_TEST_CASE_METHOD(Fixture, "templated method", "", int) {}',
    ].join('\n');
    expect(testContents('cpp', text)).toEqual({ framework: 'catch2', cases: 6, assertions: 2 });
  });

  it('counts no Python case or assertion inside a comment, a string or a docstring', () => {
    const text = [
      'import unittest',
      '',
      'class T(unittest.TestCase):',
      '    def test_a(self):',
      '        """Checks a.',
      '',
      '        assert this is documented, not checked',
      '        def test_in_docstring(): pass',
      '        """',
      '        # self.assertEqual(1, 2)',
      "        msg = 'self.assertTrue(False) # not a call'",
      '        why = "pytest.raises in a message"',
      "        self.assertEqual(msg, 'x')  # self.assertIn(1, [1])",
      '        assert why',
      "        '''",
      'assert False',
      "        '''",
    ].join('\n');
    expect(testContents('python', text)).toEqual({ framework: 'unittest', cases: 1, assertions: 2 });
  });

  it('counts shell checks after `$#`, which starts no comment, and none after a real `#`', () => {
    const text = '#!/bin/sh\n[ $# -eq 1 ] && grep -q x "$1"\n# test -f nothing\necho ok # diff a b\n';
    expect(testContents('shell', text)).toEqual({ framework: 'shell', cases: null, assertions: 2 });
  });
});
