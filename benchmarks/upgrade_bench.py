# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Upgrade on a populated database: ``-u konus_helpdesk`` timed, and the
records counted before and after.

Counts requests, SLA clocks, messages of requests, contracts and
certificates, supported products and customers, runs Odoo's own upgrade
(``python -m odoo -u konus_helpdesk --stop-after-init``, as an administrator
does) and counts again; prints both with the duration. The upgrade is real
(it changes the database as any upgrade does). From the repository root, on
a database made by ``generate_data.py``::

    export VENV=/work/main/.venv PGPORT=55432
    $VENV/bin/python benchmarks/upgrade_bench.py -c .state/odoo.conf \\
        -d konus_scale_200k
"""

import argparse
import subprocess
import sys
import time

COUNTS = {
    "requests": "SELECT count(*) FROM helpdesk_ticket",
    "SLA clocks": "SELECT count(*) FROM helpdesk_ticket_sla",
    "running SLA clocks": (
        "SELECT count(*) FROM helpdesk_ticket_sla WHERE state = 'in_progress'"
    ),
    "messages of requests": (
        "SELECT count(*) FROM mail_message WHERE model = 'helpdesk.ticket'"
    ),
    "contracts and certificates": "SELECT count(*) FROM konus_support_contract",
    "supported products": "SELECT count(*) FROM konus_supported_product",
    "customers and contacts": "SELECT count(*) FROM res_partner",
    "deadlines (checksum)": (
        "SELECT coalesce(sum(extract(epoch FROM deadline)), 0)::bigint"
        " FROM helpdesk_ticket_sla"
    ),
}


def counts(config_file, database):
    from odoo.modules.registry import Registry
    from odoo.sql_db import db_connect
    from odoo.tools import SQL, config

    config.parse_config(["-c", config_file])
    del Registry
    with db_connect(database).cursor() as cr:
        result = {}
        for label, query in COUNTS.items():
            cr.execute(SQL(query))
            result[label] = cr.fetchone()[0]
        cr.execute(
            SQL(
                "SELECT latest_version FROM ir_module_module WHERE name = %s",
                "konus_helpdesk",
            )
        )
        result["konus_helpdesk version"] = cr.fetchone()[0]
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()

    before = counts(args.config, args.database)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            args.config,
            "-d",
            args.database,
            "-u",
            "konus_helpdesk",
            "--stop-after-init",
            "--no-http",
            "--log-level=warn",
        ],
        check=True,
    )
    elapsed = time.perf_counter() - started
    after = counts(args.config, args.database)
    print(f"-u konus_helpdesk on {args.database}: {elapsed:.1f} s")
    print("| | before | after |")
    print("|---|---|---|")
    for label in before:
        print(f"| {label} | {before[label]} | {after[label]} |")
    changed = [label for label in COUNTS if before[label] != after[label]]
    print("unchanged" if not changed else f"CHANGED: {', '.join(changed)}")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
