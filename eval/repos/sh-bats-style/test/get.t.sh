# dotenv get / list / keys

load helpers/common

setup() {
  fixture basic.env
}

test_get_prints_a_value() {
  run dotenv get APP_PORT
  assert_success
  assert_output "8080"
}

test_get_expands_earlier_keys_and_drops_comments() {
  run dotenv get DATABASE_URL
  assert_success
  assert_output "postgres://db.internal:5432/shop"
}

test_get_a_missing_key_fails_with_status_1() {
  run dotenv get NOPE
  assert_failure 1
  assert_output_contains "no such key: NOPE"
}

test_keys_are_listed_in_file_order() {
  run dotenv keys
  assert_success
  [ "${#lines[@]}" -eq 5 ]
  assert_line 0 APP_NAME
  assert_line 2 APP_ENV
  assert_line 4 DATABASE_URL
}

test_list_prints_expanded_pairs() {
  run dotenv list
  assert_success
  assert_line 3 "DATABASE_HOST=db.internal"
}

test_the_file_can_be_named_with_f_or_DOTENV_FILE() {
  mv .env other.env
  run dotenv -f other.env get APP_NAME
  assert_output "shop"
  DOTENV_FILE=other.env run dotenv get APP_ENV
  assert_output "staging"
}

test_a_missing_file_is_an_error() {
  run dotenv -f absent.env list
  assert_failure 2
  assert_output_contains "no such file: absent.env"
}
