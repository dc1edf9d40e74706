#!/usr/bin/env bash
# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
#
# Upgrade test: `-u konus_helpdesk` on a database of the previous release keeps
# every record. Installs the previous release (a git worktree of PREVIOUS, by
# default 72c29b8 = 19.0.1.1.0) with its demo data, counts the rows of every
# konus_helpdesk model and of the records they live with (tickets, SLA clocks,
# messages, calendars, leaves, attachments), upgrades the database with this
# checkout's code and counts again. Exit status 1 when a count differs.
# Not part of `make test` (it takes minutes). Usage, from the repository root:
#
#   VENV=/work/main/.venv PGPORT=55432 PGDATA_DIR=... tools/test_upgrade.sh [PREVIOUS] [DB]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREVIOUS=${1:-72c29b8}
DB=${2:-konus_upgrade_test}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:?set PGPORT (the project cluster)}
PY=${VENV:-$ROOT/.venv}/bin/python
export PGHOST PGPORT
OLD=$(mktemp -d /tmp/konus-upgrade-XXXXXX)
cleanup() {
    git -C "$ROOT" worktree remove --force "$OLD" 2>/dev/null || rm -rf "$OLD"
}
trap cleanup EXIT

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Rows of every model konus_helpdesk defines or extends, and of the records
# the upgrade must not lose; "table|count", sorted.
counts() {
    psql -h "$PGHOST" -p "$PGPORT" -U odoo -d "$DB" -tAq <<'SQL'
CREATE TEMP TABLE konus_counts (name text, n bigint);
DO $$
DECLARE tbl text;
BEGIN
    FOR tbl IN
        SELECT DISTINCT replace(m.model, '.', '_')
          FROM ir_model m
          JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
         WHERE d.module = 'konus_helpdesk'
           AND NOT m.transient
        UNION SELECT unnest(ARRAY[
            'helpdesk_ticket', 'helpdesk_ticket_sla', 'helpdesk_sla',
            'helpdesk_ticket_team', 'helpdesk_ticket_stage', 'mail_message',
            'mail_tracking_value', 'mail_activity', 'mail_template',
            'resource_calendar', 'resource_calendar_attendance',
            'resource_calendar_leaves', 'ir_attachment', 'res_partner',
            'res_users', 'konus_support_contract_contact_rel',
            'konus_support_contract_product_rel'])
    LOOP
        IF to_regclass(tbl) IS NOT NULL THEN
            EXECUTE format('INSERT INTO konus_counts SELECT %L, count(*) FROM %I', tbl, tbl);
        END IF;
    END LOOP;
END $$;
SELECT name || '|' || n FROM konus_counts ORDER BY name;
SELECT 'ticket contracts|' || count(contract_id) FROM helpdesk_ticket;
SELECT 'ticket messages|' || count(*) FROM mail_message WHERE model = 'helpdesk.ticket';
SELECT 'clocks with a deadline|' || count(deadline) FROM helpdesk_ticket_sla;
SQL
}

say "Previous release $PREVIOUS into $OLD"
git -C "$ROOT" worktree add --detach "$OLD" "$PREVIOUS" >/dev/null
say "Installing it with demo data into $DB"
(cd "$OLD" && VENV=${VENV:-$ROOT/.venv} tools/konus.sh install-db "$DB" konus_helpdesk demo)
counts > "$OLD/before.txt"

say "Upgrading $DB with $ROOT"
CONF=$(mktemp /tmp/konus-upgrade-XXXXXX.conf)
sed "s#^addons_path = $OLD,#addons_path = $ROOT,#" "$OLD/.state/odoo.conf" > "$CONF"
"$PY" -m odoo -c "$CONF" -d "$DB" -u konus_helpdesk --stop-after-init --no-http \
    --log-level=warn --logfile="$OLD/upgrade.log" || { cat "$OLD/upgrade.log" >&2; exit 1; }
rm -f "$CONF"
if grep -E ' (ERROR|CRITICAL) ' "$OLD/upgrade.log" >&2; then
    echo "errors while upgrading" >&2
    exit 1
fi
counts > "$OLD/after.txt"

psql -h "$PGHOST" -p "$PGPORT" -U odoo -d "$DB" -tAc \
    "SELECT 'konus_helpdesk ' || latest_version FROM ir_module_module WHERE name = 'konus_helpdesk'"
# A record lost is a failure; records the upgrade adds (new shipped data, new
# models) are listed. EXPECTED_LOSSES names tables a migration empties on
# purpose: the special days' leaves, applied by the calendar at read time
# since 19.0.1.2.0.
EXPECTED_LOSSES=${EXPECTED_LOSSES:-resource_calendar_leaves}
awk -F'|' -v expected=" $EXPECTED_LOSSES " '
    NR == FNR { before[$1] = $2; next }
    !($1 in before) { print "new:      " $1 " " $2; next }
    $2 > before[$1] { print "added:    " $1 " " before[$1] " -> " $2; next }
    $2 < before[$1] && index(expected, " " $1 " ") { print "expected: " $1 " " before[$1] " -> " $2; next }
    $2 < before[$1] { print "LOST:     " $1 " " before[$1] " -> " $2; lost = 1 }
    END { exit lost }
' "$OLD/before.txt" "$OLD/after.txt" >"$OLD/diff.txt" && status=0 || status=1
cat "$OLD/diff.txt"
say "$(wc -l <"$OLD/before.txt") counts compared: $([ $status = 0 ] && echo 'no record lost' || echo 'RECORDS LOST')"
exit $status
