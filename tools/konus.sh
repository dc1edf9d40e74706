#!/usr/bin/env bash
# konus_helpdesk project commands: environment, local PostgreSQL cluster, Odoo.
# Called by the Makefile; every setting can be overridden from the environment.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
STATE=${STATE:-$ROOT/.state}
PGDATA_DIR_GIVEN=${PGDATA_DIR:-}
# Ports given in the environment are used as they are; otherwise a free one is
# found, so that a second checkout (CI in a fresh clone) runs beside this one.
PGPORT_GIVEN=${PGPORT:-}
HTTP_PORT_GIVEN=${HTTP_PORT:-}
PGPORT=${PGPORT:-55432}
PGHOST=127.0.0.1
DB_USER=${DB_USER:-odoo}
DB_NAME=${DB_NAME:-konus}
TEST_DB=${TEST_DB:-konus_test}
HTTP_PORT=${HTTP_PORT:-8069}
ODOO_SRC=${ODOO_SRC:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}
PG_BIN=${PG_BIN:-}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local port=$1
    while port_busy "$port"; do port=$((port + 1)); done
    echo "$port"
}

# As root, the cluster runs as the system's `postgres` account, which must
# reach its directory. A clone in a private directory (mode 0700, e.g. under
# /root) keeps its cluster outside, in /var/tmp, one per clone (keyed by the
# clone's path) and owned by `postgres`; `make clean` removes it too.
external_pgdata() {
    echo "/var/tmp/konus-pg-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)/pgdata"
}
resolve_pgdata() {
    PGDATA_DIR=${PGDATA_DIR_GIVEN:-$STATE/pgdata}
    [ -n "$PGDATA_DIR_GIVEN" ] && return 0
    [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 || return 0
    if [ -d "$(external_pgdata)" ] || ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        PGDATA_DIR=$(external_pgdata)
    fi
}
resolve_pgdata

# The cluster keeps the port it was first given ($STATE/pgport), unless
# someone else has taken it while it was stopped.
resolve_pgport() {
    [ -n "$PGPORT_GIVEN" ] && return 0
    local pidfile=$PGDATA_DIR/postmaster.pid saved=$STATE/pgport
    if [ -f "$pidfile" ] && kill -0 "$(head -n 1 "$pidfile")" 2>/dev/null; then
        PGPORT=$(sed -n 4p "$pidfile")
        return 0
    fi
    [ -f "$saved" ] && PGPORT=$(<"$saved")
    port_busy "$PGPORT" && PGPORT=$(free_port $((PGPORT + 1)))
    mkdir -p "$STATE" && echo "$PGPORT" >"$saved"
}
resolve_pgport
export PGPORT PGHOST

# Tests run an Odoo HTTP server (portal tests, tours): next to a running
# `make run`, they take the next free port.
resolve_test_http_port() {
    [ -n "$HTTP_PORT_GIVEN" ] && return 0
    HTTP_PORT=$(free_port "$HTTP_PORT")
}

# ---------------------------------------------------------------- environment
odoo_ok() { "$1" -c 'import odoo.release as r, sys; sys.exit(r.version_info[:2] != (19, 0))' 2>/dev/null; }

install_odoo_from_src() {
    local src=$1 dest=$STATE/odoo-src
    say "Odoo 19 is not importable: installing it from ODOO_SRC=$src"
    rm -rf "$dest" && mkdir -p "$dest"
    if [ -d "$src" ]; then
        cp -a "$src"/. "$dest"/
    else
        local archive=$src
        if [[ $src == http*://* ]]; then
            archive=$STATE/odoo-src.tar.gz
            curl -fsSL --connect-timeout 10 -o "$archive" "$src" || die \
                "Odoo 19 is not importable by python3 and ODOO_SRC ($src) could not be downloaded: install Odoo 19 for python3 or set ODOO_SRC to an Odoo 19 source tree or archive."
        fi
        [ -f "$archive" ] || die "ODOO_SRC=$src is neither a directory, an archive nor a URL: point it at an Odoo 19 source tree or archive."
        tar -xf "$archive" -C "$dest" --strip-components=1
    fi
    [ -f "$dest/odoo/release.py" ] || die "ODOO_SRC=$src does not contain an Odoo source tree (no odoo/release.py)."
    "$VENV/bin/pip" install -q --disable-pip-version-check packaging
    "$PY" "$ROOT/tools/odoo_requirements.py" "$dest/requirements.txt" > "$STATE/odoo-requirements.txt"
    "$VENV/bin/pip" install -q -r "$STATE/odoo-requirements.txt"
    "$VENV/bin/pip" install -q --no-deps -e "$dest"
    odoo_ok "$PY" || die "Odoo from ODOO_SRC=$src was installed but is not Odoo 19.0."
}

cmd_install() {
    mkdir -p "$STATE"
    local stamp=$STATE/install.stamp
    if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/requirements.txt" ] \
        && [ "$stamp" -nt "$ROOT/requirements-oca.txt" ] && odoo_ok "$PY"; then
        return 0
    fi
    # Fail fast, before any download, when there is no way to get Odoo.
    if ! odoo_ok python3 && ! odoo_ok "$PY"; then
        if [[ $ODOO_SRC == http*://* ]]; then
            curl -fsI --connect-timeout 5 -o /dev/null "$ODOO_SRC" 2>/dev/null || die \
                "Odoo 19 is not importable by python3 and ODOO_SRC ($ODOO_SRC) is unreachable: install Odoo 19 for python3 or set ODOO_SRC to an Odoo 19 source tree or archive."
        elif [ ! -e "$ODOO_SRC" ]; then
            die "Odoo 19 is not importable by python3 and ODOO_SRC ($ODOO_SRC) does not exist: install Odoo 19 for python3 or set ODOO_SRC to an Odoo 19 source tree or archive."
        fi
    fi
    if [ ! -x "$PY" ]; then
        say "Creating the virtual environment $VENV (it sees the machine's Odoo)"
        python3 -m venv --system-site-packages "$VENV"
    fi
    odoo_ok "$PY" || install_odoo_from_src "$ODOO_SRC"
    # Portal tours run in Debian's Chromium (HttpCase.browser_js).
    if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
        if [ "$(id -u)" = 0 ]; then
            say "Installing Chromium (Debian package) for the browser tests"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
        else
            say "WARNING: no chromium on this machine: browser tours will fail (apt-get install chromium)"
        fi
    fi
    say "Installing pinned Python dependencies"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements.txt"
    "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r "$ROOT/requirements-oca.txt"
    touch "$stamp"
}

site_addons() { "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"] + "/odoo/addons")'; }

odoo_addons_path() {
    local core
    core=$("$PY" -c 'import os, odoo.release as r, odoo.api; import odoo.modules; print(os.path.dirname(os.path.dirname(os.path.dirname(odoo.api.__file__))))')
    local paths="$ROOT"
    [ -d "$core/addons" ] && paths="$paths,$core/addons"
    [ -d "$core/odoo/addons" ] && paths="$paths,$core/odoo/addons"
    echo "$paths,$(site_addons)"
}

write_config() {
    mkdir -p "$STATE"
    cat > "$STATE/odoo.conf" <<EOF
[options]
addons_path = $(odoo_addons_path)
data_dir = $STATE/filestore
db_host = $PGHOST
db_port = $PGPORT
db_user = $DB_USER
http_port = $HTTP_PORT
http_interface = 127.0.0.1
list_db = True
admin_passwd = admin
EOF
    echo "$STATE/odoo.conf"
}

# ----------------------------------------------------------------- PostgreSQL
find_pg_bin() {
    [ -n "$PG_BIN" ] && { echo "$PG_BIN"; return; }
    local d
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
    command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
    return 1
}

# initdb/postgres refuse to run as root: as root, the cluster belongs to the
# system's `postgres` account.
as_pg() {
    # From /: the account may not reach the working directory (a private clone).
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

cmd_db_start() {
    local bin
    if ! bin=$(find_pg_bin); then
        [ "$(id -u)" = 0 ] || die "PostgreSQL server binaries are missing: install Debian's 'postgresql' package."
        say "Installing PostgreSQL (Debian package)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
        bin=$(find_pg_bin) || die "PostgreSQL could not be installed."
        resolve_pgdata  # the `postgres` account exists now
    fi
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        say "Creating the project's PostgreSQL cluster in $PGDATA_DIR (port $PGPORT)"
        mkdir -p "$PGDATA_DIR"
        [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR"
        if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -w "$PGDATA_DIR"; then
            die "The postgres account cannot reach $PGDATA_DIR: give PGDATA_DIR=/var/tmp/konus-pgdata (any directory it can reach)."
        fi
        as_pg "$bin/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -w -l "$PGDATA_DIR/server.log" \
            -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA_DIR -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
            start >/dev/null || die "PostgreSQL did not start; see $PGDATA_DIR/server.log"
    fi
    # Odoo refuses to connect as `postgres`: a dedicated superuser role.
    psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAq -c \
        "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN CREATE ROLE $DB_USER LOGIN SUPERUSER; END IF; END\$\$;"
}

cmd_db_stop() {
    local bin
    bin=$(find_pg_bin) || return 0
    [ -f "$PGDATA_DIR/PG_VERSION" ] || return 0
    as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
}

db_exists() { psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; }
drop_db() { psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -q -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"; rm -rf "$STATE/filestore/filestore/$1"; }

odoo_bin() { "$PY" -m odoo "$@"; }

# Install modules into a fresh database; fail on any ERROR and on WARNINGs
# logged by the listed addons (third-party noise is reported, not fatal).
install_db() {
    local db=$1 modules=$2 demo=$3 log=$STATE/install-$1.log conf
    conf=$(write_config)
    drop_db "$db"
    rm -f "$log"  # odoo appends to --logfile
    say "Installing $modules into database $db${demo:+ (with demo data)}"
    # The demo speaks Russian, the users' language.
    odoo_bin -c "$conf" -d "$db" -i "$modules" ${demo:+--with-demo --load-language=ru_RU} --stop-after-init \
        --no-http --log-level=warn --logfile="$log" || { cat "$log" >&2; die "installing $modules failed"; }
    if grep -E ' (ERROR|CRITICAL) ' "$log" >&2; then die "errors while installing $modules (log: $log)"; fi
    if grep -E ' WARNING .*konus_helpdesk' "$log" >&2; then die "konus_helpdesk logged warnings while installing (log: $log)"; fi
}

cmd_run() {
    cmd_install
    cmd_db_start
    local conf
    conf=$(write_config)
    if ! db_exists "$DB_NAME"; then
        install_db "$DB_NAME" konus_helpdesk demo
        # demo users log in with their login as password; admin/admin
    fi
    say "Odoo on http://localhost:$HTTP_PORT — log in as admin / admin (database $DB_NAME). Ctrl-C stops it."
    # The port on the command line: odoo.conf is shared by every command of
    # this checkout (a test run started meanwhile rewrites its http_port).
    exec "$PY" -m odoo -c "$conf" -d "$DB_NAME" --db-filter="^$DB_NAME\$" --http-port="$HTTP_PORT"
}

cmd_reset() {
    cmd_install
    cmd_db_start
    drop_db "$DB_NAME"
    say "Database $DB_NAME dropped; 'make run' rebuilds it with demo data."
}

pytest_run() {
    # pytest-odoo: real registry, real database, HttpCase enabled (--odoo-http).
    local db=$1 junit=$2; shift 2
    local conf
    conf=$(write_config)
    (cd "$ROOT" && "$PY" -m pytest -p no:cacheprovider -p no:benchmark --odoo-config="$conf" --odoo-database="$db" \
        --odoo-http --junitxml="$junit" -o junit_family=xunit1 "$@")
}

cmd_test() {
    cmd_install
    cmd_db_start
    resolve_test_http_port
    local rc=0
    install_db "$TEST_DB" konus_helpdesk ""
    say "konus_helpdesk tests"
    pytest_run "$TEST_DB" "$STATE/junit-konus.xml" konus_helpdesk/tests 2>&1 \
        | tee "$STATE/pytest-konus.log" || rc=${PIPESTATUS[0]}
    if [ "${SKIP_OCA_TESTS:-}" != 1 ]; then
        cmd_oca_regression "$(site_addons)" || rc=$((rc ? rc : 1))
        # The last summary printed is ours (the OCA runs' own are in logs).
        say "konus_helpdesk tests (summary repeated)"
        tail -n 1 "$STATE/pytest-konus.log"
    fi
    return $rc
}

cmd_oca_regression() {
    local sa=$1 suites
    suites=("$sa/helpdesk_mgmt/tests" "$sa/helpdesk_mgmt_sla/tests")
    install_db "${TEST_DB}_oca" "helpdesk_mgmt,helpdesk_mgmt_sla" ""
    say "helpdesk_mgmt + helpdesk_mgmt_sla tests without konus_helpdesk (baseline; log: $STATE/pytest-oca-base.log)"
    pytest_run "${TEST_DB}_oca" "$STATE/junit-oca-base.xml" -q "${suites[@]}" \
        > "$STATE/pytest-oca-base.log" 2>&1 || true
    say "helpdesk_mgmt + helpdesk_mgmt_sla tests with konus_helpdesk (log: $STATE/pytest-oca-konus.log)"
    pytest_run "$TEST_DB" "$STATE/junit-oca-konus.xml" -q "${suites[@]}" \
        > "$STATE/pytest-oca-konus.log" 2>&1 || true
    "$PY" "$ROOT/tools/compare_junit.py" "$STATE/junit-oca-base.xml" "$STATE/junit-oca-konus.xml"
}

cmd_shell() {
    cmd_install; cmd_db_start
    exec "$PY" -m odoo shell -c "$(write_config)" -d "${1:-$DB_NAME}" --no-http
}

cmd_i18n() {
    cmd_install; cmd_db_start
    local db=${TEST_DB}_i18n
    install_db "$db" konus_helpdesk ""
    odoo_bin i18n export -c "$(write_config)" -d "$db" konus_helpdesk
    msgmerge --quiet --no-fuzzy-matching --update --backup=none "$ROOT/konus_helpdesk/i18n/ru.po" "$ROOT/konus_helpdesk/i18n/konus_helpdesk.pot"
    drop_db "$db"
    # The layout OCA's po checks expect (as their pre-commit hook leaves it).
    if [ -x "$VENV/bin/oca-checks-po" ]; then
        "$VENV/bin/oca-checks-po" --fix --no-verbose "$ROOT"/konus_helpdesk/i18n/*.po* >/dev/null || true
    fi
    say "konus_helpdesk/i18n/konus_helpdesk.pot regenerated and merged into ru.po"
}

cmd_clean() {
    cmd_db_stop
    rm -rf "$STATE"
    [ -z "$PGDATA_DIR_GIVEN" ] && [ "$PGDATA_DIR" = "$(external_pgdata)" ] && rm -rf "$(dirname "$PGDATA_DIR")"
    say "Stopped PostgreSQL and removed $STATE (the venv $VENV is kept; rm -rf it to start over)."
}

case "${1:-}" in
    install) cmd_install ;;
    db-start) cmd_install; cmd_db_start ;;
    db-stop) cmd_db_stop ;;
    run) cmd_run ;;
    reset) cmd_reset ;;
    test) cmd_test ;;
    oca-regression) cmd_install; cmd_db_start; resolve_test_http_port; cmd_oca_regression "$(site_addons)" ;;
    shell) shift; cmd_shell "$@" ;;
    i18n) cmd_i18n ;;
    config) cmd_install; write_config ;;
    pytest) shift; cmd_install; cmd_db_start; resolve_test_http_port; pytest_run "$TEST_DB" "$STATE/junit-adhoc.xml" "$@" ;;
    install-db) shift; cmd_install; cmd_db_start; install_db "$@" ;;
    clean) cmd_clean ;;
    *) die "usage: tools/konus.sh install|db-start|db-stop|run|reset|test|oca-regression|shell|i18n|clean" ;;
esac
