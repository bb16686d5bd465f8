# dotenv set / unset / exec

load helpers/common

setup() {
  fixture basic.env
}

test_set_changes_a_value_in_place() {
  run dotenv set APP_PORT 9090
  assert_success
  [ "$(sed -n 3p .env)" = "APP_PORT=9090" ]
  run dotenv get APP_PORT
  assert_output "9090"
}

test_set_appends_a_new_key_quoting_when_needed() {
  dotenv set GREETING "hello world"
  [ "$(tail -n 1 .env)" = "GREETING='hello world'" ]
  run dotenv get GREETING
  assert_output "hello world"
}

test_set_creates_the_file() {
  rm .env
  dotenv set ONLY 1
  [ "$(cat .env)" = "ONLY=1" ]
}

test_set_refuses_a_bad_key() {
  run dotenv set 1BAD x
  assert_failure 3
}

test_unset_removes_the_key_and_keeps_comments() {
  dotenv unset APP_ENV
  run dotenv keys
  assert_output "$(printf 'APP_NAME\nAPP_PORT\nDATABASE_HOST\nDATABASE_URL')"
  grep -q '^# application settings$' .env
}

test_exec_runs_a_command_with_the_variables() {
  run dotenv exec bash -c 'echo "$APP_NAME on $APP_PORT ($APP_ENV)"'
  assert_success
  assert_output "shop on 8080 (staging)"
}

test_exec_passes_the_exit_status_through() {
  run dotenv exec bash -c 'exit 7'
  assert_failure 7
}

test_unknown_command() {
  run dotenv frobnicate
  assert_failure 2
  assert_output_contains "unknown command: frobnicate"
}

test_version() {
  run dotenv --version
  assert_output "dotenv 1.4.0"
}
