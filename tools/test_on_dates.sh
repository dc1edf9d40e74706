#!/usr/bin/env bash
# The konus_helpdesk tests with the test process's clock moved to other dates,
# to prove that no test depends on the day it runs (a fixture valid "this
# year" turns CI red on 1 January). Not part of `make test`: it runs the
# suite once per date.
#
#   tools/test_on_dates.sh                          # 2027-06-15 and 2031-03-01
#   tools/test_on_dates.sh today '2028-12-31 23:30:00'
#   tools/test_on_dates.sh '2030-01-01 00:05:00' -- konus_helpdesk/tests/test_sla_alerts.py -q
#
# The clock is moved with libfaketime (Debian package `faketime`) for the
# pytest process and its children (the tests' HTTP server thread, Chromium
# for the tours); it keeps running from the given moment. PostgreSQL is
# started and the database installed before, on the real clock: `now()` in
# SQL stays real, as it is for tests that freeze Python's time. The
# multi-threaded libfaketime (-m) serves Odoo's threads; the monotonic clock
# moves by the same offset: leaving it alone (--exclude-monotonic,
# FAKETIME_DONT_FAKE_MONOTONIC=1) makes time.sleep fail with EINVAL and the
# tours skip, Chromium "not found" within its start-up timeout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${STATE:-$ROOT/.state}
export TEST_DB=${TEST_DB:-konus_test_dates}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

dates=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do dates+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
[ ${#dates[@]} -gt 0 ] || dates=("2027-06-15 10:00:00" "2031-03-01 10:00:00")
[ $# -gt 0 ] || set -- konus_helpdesk/tests -q

command -v faketime >/dev/null || die "faketime is missing: apt-get install faketime"
for day in "${dates[@]}"; do
    [ "$day" = today ] || date -d "$day" >/dev/null 2>&1 || die "not a date: $day"
done

"$ROOT/tools/konus.sh" db-start
if [ "${SKIP_INSTALL:-}" != 1 ]; then
    "$ROOT/tools/konus.sh" install-db "$TEST_DB" konus_helpdesk ""
fi

rc=0
summary=()
for day in "${dates[@]}"; do
    log=$STATE/pytest-on-$(printf '%s' "$day" | tr -c '0-9A-Za-z' '-').log
    say "konus_helpdesk tests with the clock at: $day (log: $log)"
    if [ "$day" = today ]; then
        runner=()
    else
        runner=(faketime -m "$day")
    fi
    status=0
    "${runner[@]}" "$ROOT/tools/konus.sh" pytest "$@" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
    [ "$status" = 0 ] || rc=1
    summary+=("$day: $(tail -n 1 "$log")")
done
say "Summary"
printf '  %s\n' "${summary[@]}"
exit $rc
