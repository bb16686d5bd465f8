# How values are read: quotes, escapes, comments, line endings, errors.

load helpers/common

test_single_quotes_are_literal() {
  fixture quoting.env
  run dotenv get SINGLE
  assert_output 'literal ${APP_NAME} # not a comment'
}

test_double_quotes_take_escapes() {
  fixture quoting.env
  run dotenv get DOUBLE
  assert_success
  [ "${#lines[@]}" -eq 2 ]
  assert_line 1 "lines"
  run dotenv get ESCAPED
  assert_output 'say "hi"'
}

test_a_hash_inside_a_word_is_kept() {
  fixture quoting.env
  run dotenv get HASH
  assert_output "abc#def"
}

test_empty_values_and_the_environment() {
  fixture quoting.env
  run dotenv get EMPTY
  assert_success
  assert_output ""
  FIXTURE_HOME=/srv run dotenv get HOME_DIR
  assert_output "/srv/app"
}

test_windows_line_endings() {
  fixture crlf.env
  run dotenv get WINDOWS
  assert_output "yes"
}

test_a_line_without_equals_is_reported_with_its_number() {
  fixture bad.env
  run dotenv list
  assert_failure 3
  assert_output_contains ".env:2: expected KEY=VALUE"
}

test_unterminated_quotes_are_errors() {
  printf 'A="open\n' >.env
  run dotenv get A
  assert_failure 3
}
