# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Scale: the same operations at 1 000 and at 200 000 requests, side by side.

Two databases made by ``generate_data.py`` (five years of requests, SLA
clocks and messages): a small one (``--small``, 1 000 requests) and a large
one (``--large``, 200 000). In each, the median of several runs (after a
warm-up) of:

* creating an identified request as an engineer (time, SQL queries);
* a customer's mail quoting the contract through the mail gateway
  (``message_process`` to the team's alias);
* the engineers' ticket list, first page: 80 rows, the fields of our list
  view (``web_search_read`` with the view's specification, as the web client
  asks it, count limited to 10 001); the page shows the same 80 fresh
  requests in both databases (created first, each with two running clocks);
* the portal "my tickets" of the customer with the most requests (2 000 in
  the large database, 500 in the small one): a real HTTP request to an Odoo
  server started on the database (``--http-port``), logged in as
  ``scale-portal``; queries from the server's request log;
* the SLA alert cron (``_cron_sla_alerts``), once with 50 breaches to
  announce and once with nothing to do (95 runs a day out of 96);
* the recompute after a holiday edit: a day off created in the Ulan-Ude
  calendar on the next working day, with the open requests of the database
  (20 000 at 200 000) and their running clocks.

Baseline rows: OCA's plain ``helpdesk.ticket`` (``--oca``, a database with
helpdesk_mgmt and helpdesk_mgmt_sla alone, e.g. a copy of ``konus_test_oca``)
with as many plain tickets inserted by SQL in the run's transaction: creating
a ticket and its own list's first page.

Nothing is committed: every measure is rolled back. From the repository root::

    export VENV=/work/main/.venv PGPORT=55432
    tools/konus.sh install-db konus_scale_1k konus_helpdesk ""
    tools/konus.sh install-db konus_scale_200k konus_helpdesk ""
    $VENV/bin/python benchmarks/generate_data.py -c .state/odoo.conf \\
        -d konus_scale_1k -n 1000
    $VENV/bin/python benchmarks/generate_data.py -c .state/odoo.conf \\
        -d konus_scale_200k -n 200000
    createdb -T konus_test_oca konus_scale_oca     # after make test
    $VENV/bin/python benchmarks/scale_bench.py -c .state/odoo.conf \\
        --small konus_scale_1k --large konus_scale_200k --oca konus_scale_oca

The two databases take turns (``--passes``, 2) and each figure is the best
of the passes' medians: on a shared machine the load changes by the minute.

Options: --runs K (11), --passes P (2), --http-port (8184), --no-http (skip
the portal), --only KEY[,KEY] (just these rows: create, mail, list, portal,
cron, cron_idle, holiday, oca), -v (each measure as it is taken).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from lxml import etree

CONTRACT_BREACHES = 50


def list_specification(Model):
    """The ``web_search_read`` specification of the model's list view, as
    the web client builds it (relational fields with their display name)."""
    arch = etree.fromstring(Model.get_views([(False, "list")])["views"]["list"]["arch"])
    specification = {}
    for node in arch.iterchildren("field"):
        field = Model._fields[node.get("name")]
        relational = field.type in ("many2one", "many2many", "one2many")
        specification[field.name] = (
            {"fields": {"display_name": {}}} if relational else {}
        )
    return specification


def measure(env, func, runs, warm=2):
    """Median (ms, queries) of ``func()`` run ``runs`` times, each in a
    savepoint rolled back, after ``warm`` unmeasured runs."""
    cr = env.cr
    env.flush_all()
    timings, queries = [], []
    for run in range(warm + runs):
        with cr.savepoint(flush=False) as savepoint:
            env.invalidate_all()
            before = cr.sql_log_count
            started = time.perf_counter()
            func(run)
            env.flush_all()
            elapsed = time.perf_counter() - started
            count = cr.sql_log_count - before
            savepoint.rollback()
        env.invalidate_all()
        if run >= warm:
            timings.append(elapsed * 1000)
            queries.append(count)
    return statistics.median(timings), statistics.median(queries)


def konus_measures(env, runs, log, only=None):
    """The measures in a konus_helpdesk database made by the generator
    (those named in ``only``, or all)."""
    from odoo import fields
    from odoo.tools import SQL

    results = {}
    cr = env.cr
    engineer = env["res.users"].search([("login", "=", "scale-engineer-00")])
    Ticket = env["helpdesk.ticket"]
    team = env.ref("konus_helpdesk.team_konus_support")
    contracts = env["konus.support.contract"].search(
        [("partner_id.name", "like", "ООО «Заказчик")], order="id", limit=40
    )
    results["tickets"] = Ticket.search_count([])
    results["open"] = Ticket.search_count([("stage_id.closed", "=", False)])

    def create(run):
        contract = contracts[run % len(contracts)]
        Ticket.with_user(engineer).create(
            {
                "name": f"Не проводится документ {run}",
                "description": "<p>Ошибка при проведении</p>",
                "steps_to_reproduce": "1. Открыть. 2. Провести.",
                "team_id": team.id,
                "partner_id": contract.contact_ids[:1].id,
                "contract_id": contract.id,
                "supported_product_id": contract.product_ids[:1].id,
                "incident_class": "non_critical",
            }
        )

    domain = env["mail.alias.domain"].create({"name": "scale.konus.test"})
    env.company.alias_domain_id = domain
    team.alias_id.alias_domain_id = domain
    alias = team.alias_id.alias_full_name
    env.flush_all()  # before the savepoints that roll each mail back

    def mail(run):
        contract = contracts[run % len(contracts)]
        contact = contract.contact_ids[:1]
        raw = (
            f"From: {contact.name} <{contact.email}>\r\n"
            f"To: {alias}\r\n"
            f"Subject: Не печатается счёт, договор {contract.name}\r\n"
            f"Message-Id: <scale-bench-{run}-{time.time_ns()}@customer.example>\r\n"
            "Date: Mon, 2 Mar 2026 10:00:00 +0800\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: text/plain; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
            f"Добрый день! По договору {contract.name} не печатается счёт.\r\n"
            "1. Открыть счёт. 2. Нажать «Печать». 3. Ошибка.\r\n"
        ).encode()
        env["mail.thread"].message_process(None, raw)

    def wanted(key):
        return not only or key in only

    if wanted("mail"):
        results["mail"] = measure(env, mail, runs)
        log("mail", results["mail"])
    if wanted("create"):
        results["create"] = measure(env, create, runs)
        log("create", results["create"])

    Engineer = Ticket.with_user(engineer)
    specification = list_specification(Engineer)
    # The same first page in both databases: 80 fresh requests (numbered
    # after the generated ones), each with its two running clocks, so that
    # only the size of the tables differs.
    Engineer.create(
        [
            {
                "name": f"Запрос страницы {i}",
                "description": "<p>Ошибка при проведении</p>",
                "steps_to_reproduce": "1. Открыть. 2. Провести.",
                "team_id": team.id,
                "partner_id": contracts[i % len(contracts)].contact_ids[:1].id,
                "contract_id": contracts[i % len(contracts)].id,
                "supported_product_id": contracts[i % len(contracts)]
                .product_ids[:1]
                .id,
                "incident_class": ("critical", "non_critical", "consultation")[i % 3],
            }
            for i in range(80)
        ]
    )

    def page(_run):
        Engineer.web_search_read([], specification, limit=80, count_limit=10001)

    if wanted("list"):
        results["list"] = measure(env, page, runs)
        log("list", results["list"])

    Clock = env["helpdesk.ticket.sla"]
    now = fields.Datetime.now()
    # What fell due since the data was generated, announced as the cron
    # would have (rolled back with the rest): the cron starts idle.
    cr.execute(
        SQL(
            """UPDATE helpdesk_ticket_sla SET
                   state = CASE WHEN state = 'in_progress' AND deadline <= %(now)s
                                THEN 'expired' ELSE state END,
                   breach_notified = coalesce(breach_notified, FALSE)
                       OR state = 'expired' OR coalesce(deadline <= %(now)s, FALSE),
                   risk_notified = coalesce(risk_notified, FALSE)
                       OR coalesce(risk_date <= %(now)s, FALSE)
               WHERE state IN ('in_progress', 'expired')""",
            now=now,
        )
    )
    env.invalidate_all()
    if wanted("cron_idle"):
        results["cron_idle"] = measure(env, lambda _run: Clock._cron_sla_alerts(), runs)
        log("cron idle", results["cron_idle"])
    cr.execute(
        SQL(
            """SELECT id FROM helpdesk_ticket_sla
               WHERE state IN ('in_progress', 'expired') ORDER BY id DESC LIMIT %s""",
            CONTRACT_BREACHES,
        )
    )
    breaching = [row[0] for row in cr.fetchall()]

    def cron(_run):
        cr.execute(
            SQL(
                """UPDATE helpdesk_ticket_sla SET state = 'in_progress',
                       deadline = %s, breach_notified = FALSE
                   WHERE id = ANY(%s)""",
                now - timedelta(hours=1),
                breaching,
            )
        )
        before = cr.sql_log_count
        started = time.perf_counter()
        Clock._cron_sla_alerts()
        env.flush_all()
        timings.append(
            ((time.perf_counter() - started) * 1000, cr.sql_log_count - before)
        )

    timings = []
    if wanted("cron"):
        measure(env, cron, max(runs // 3, 3), warm=1)
        results["cron"] = (
            statistics.median(t for t, _q in timings[1:]),
            statistics.median(q for _t, q in timings[1:]),
        )
        log("cron 50 breaches", results["cron"])

    calendar = env.ref("konus_helpdesk.calendar_ulan_ude")
    results["running"] = Clock.search_count(
        [("state", "=", "in_progress"), ("calendar_id", "=", calendar.id)]
    )
    day = now.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    # Midnight to midnight in Ulan-Ude (UTC+8).
    day_start = fields.Datetime.to_datetime(day) - timedelta(hours=8)

    def holiday(run):
        env["resource.calendar.leaves"].create(
            {
                "name": f"Внеплановый выходной {run}",
                "calendar_id": calendar.id,
                "date_from": day_start,
                "date_to": day_start + timedelta(hours=24) - timedelta(seconds=1),
            }
        )

    if wanted("holiday"):
        results["holiday"] = measure(env, holiday, max(runs // 5, 2), warm=1)
        log("holiday", results["holiday"])
    return results


def oca_measures(env, count, runs, log):
    """OCA's plain ticket with ``count`` plain tickets inserted by SQL."""
    from odoo.tools import SQL

    cr = env.cr
    stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
    partner = env["res.partner"].create(
        {"name": "ООО «Заказчик»", "email": "it@c.example"}
    )
    cr.execute(
        SQL(
            """INSERT INTO helpdesk_ticket (number, name, description, company_id,
                   stage_id, partner_id, commercial_partner_id, priority, kanban_state,
                   active, unattended, create_date, write_date, create_uid, write_uid)
               SELECT 'P' || g, 'Запрос ' || g, '<p>Описание</p>', %s, %s, %s, %s,
                   '1', 'normal', TRUE, FALSE,
                   now() - (g || ' minutes')::interval * 13,
                   now() - (g || ' minutes')::interval * 13, 1, 1
               FROM generate_series(1, %s) g""",
            env.company.id,
            stage,
            partner.id,
            partner.id,
            count,
        )
    )
    cr.execute(SQL("ANALYZE helpdesk_ticket"))
    admin = env.ref("base.user_admin")
    Ticket = env["helpdesk.ticket"].with_user(admin)
    results = {}
    results["create"] = measure(
        env,
        lambda run: Ticket.create(
            {
                "name": f"Не проводится документ {run}",
                "description": "<p>Ошибка</p>",
                "partner_id": partner.id,
            }
        ),
        runs,
    )
    specification = list_specification(Ticket)
    results["list"] = measure(
        env,
        lambda _run: Ticket.web_search_read(
            [], specification, limit=80, count_limit=10001
        ),
        runs,
    )
    log("oca", results)
    return results


REQUEST_LOG = re.compile(r'"GET (/my/tickets\S*) HTTP/[\d.]+" 200 - (\d+) ')


def portal_http(config, database, port, runs):
    """Median (ms, queries) of GET /my/tickets as the portal user, through a
    real Odoo server on ``database``."""
    import requests

    logfile = f"/tmp/scale_bench_{database}.log"
    if os.path.exists(logfile):
        os.remove(logfile)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            config,
            "-d",
            database,
            f"--db-filter=^{database}$",
            f"--http-port={port}",
            "--workers=0",
            "--max-cron-threads=0",
            "--log-level=info",
            f"--logfile={logfile}",
        ]
    )
    try:
        base = f"http://127.0.0.1:{port}"
        session = requests.Session()
        for _attempt in range(120):
            try:
                page = session.get(f"{base}/web/login", timeout=30)
                if page.ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(1)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = session.post(
            f"{base}/web/login",
            data={
                "login": "scale-portal",
                "password": "scale-portal",
                "csrf_token": token,
                "redirect": "/my",
            },
            timeout=60,
        )
        response.raise_for_status()
        timings = []
        for run in range(runs + 2):
            started = time.perf_counter()
            response = session.get(f"{base}/my/tickets", timeout=60)
            response.raise_for_status()
            if run >= 2:
                timings.append((time.perf_counter() - started) * 1000)
        assert "scale-portal" in response.text or "/my/ticket/" in response.text, (
            "the portal page shows no ticket"
        )
        time.sleep(0.5)
        with open(logfile, encoding="utf-8") as log:
            queries = [int(m.group(2)) for m in REQUEST_LOG.finditer(log.read())]
        return statistics.median(timings), statistics.median(queries[2:])
    finally:
        server.terminate()
        server.wait(timeout=60)


def best(results):
    """The fastest of several passes' (ms, queries), per measure."""
    merged = dict(results[0])
    for result in results[1:]:
        for key, value in result.items():
            if isinstance(value, tuple) and value[0] < merged[key][0]:
                merged[key] = value
    return merged


def run_database(config, database, runs, measures, log):
    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry

    with Registry(database).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        try:
            return measures(env, runs, log)
        finally:
            cr.rollback()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--small", required=True)
    parser.add_argument("--large", required=True)
    parser.add_argument("--oca")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--http-port", type=int, default=8184)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument(
        "--only",
        type=lambda value: set(value.split(",")),
        help="comma-separated rows: create, mail, list, portal, cron, "
        "cron_idle, holiday, oca",
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    only = args.only

    from odoo.tools import config

    config.parse_config(["-c", args.config])

    def log(*what):
        if args.verbose:
            print(*what, flush=True)

    # The machine is shared: the databases take turns, and each figure is
    # the best of the passes' medians.
    passes = {"small": [], "large": []}
    for _pass in range(args.passes):
        for size, database in (("small", args.small), ("large", args.large)):
            result = run_database(
                args.config,
                database,
                args.runs,
                lambda env, runs, log: konus_measures(env, runs, log, only),
                log,
            )
            if not args.no_http and (not only or "portal" in only):
                result["portal"] = portal_http(
                    args.config, database, args.http_port, args.runs
                )
                log("portal", result["portal"])
            passes[size].append(result)
    ours = {size: best(results) for size, results in passes.items()}
    oca = {}
    if args.oca and (not only or "oca" in only):
        for size in ("small", "large"):
            count = ours[size]["tickets"]
            oca[size] = run_database(
                args.config,
                args.oca,
                args.runs,
                lambda env, runs, log, c=count: oca_measures(env, c, runs, log),
                log,
            )

    small, large = ours["small"], ours["large"]
    rows = [
        ("creating a request (engineer, identified)", "create", ours),
        ("a customer's mail through the gateway", "mail", ours),
        ("engineers' list, first page (80 rows, our columns)", "list", ours),
        ("portal «my tickets», HTTP", "portal", ours),
        ("SLA alert cron, 50 breaches to announce", "cron", ours),
        ("SLA alert cron, nothing to announce", "cron_idle", ours),
        ("holiday edit: recompute of the running clocks", "holiday", ours),
        ("OCA baseline: creating a plain ticket", "create", oca),
        ("OCA baseline: its list, first page (80 rows)", "list", oca),
    ]
    print(
        f"requests: {small['tickets']} vs {large['tickets']}; open "
        f"{small['open']} vs {large['open']}; running clocks on the calendar "
        f"{small['running']} vs {large['running']}; best of {args.passes} "
        f"medians of {args.runs} runs"
    )
    print(
        f"| operation | {small['tickets']:,} requests | {large['tickets']:,} requests "
        "| ratio |".replace(",", " ")
    )
    print("|---|---|---|---|")
    for label, key, source in rows:
        if not source or key not in source.get("small", {}):
            continue
        (t1, q1), (t2, q2) = source["small"][key], source["large"][key]
        print(
            f"| {label} | {t1:.0f} ms, {q1:g} q | {t2:.0f} ms, {q2:g} q "
            f"| {t2 / t1:.2f}× |"
        )


if __name__ == "__main__":
    main()
