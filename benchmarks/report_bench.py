# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reports: the requests analysis over 100 000 requests, and a service act.

1. The pivot month × incident class with the main measures (count, average
   working hours to first response and to resolution, breached requests)
   through ``formatted_read_group`` on ``konus.helpdesk.ticket.report`` (the
   SQL view) vs. a plain ``formatted_read_group`` on ``helpdesk.ticket`` of
   the same grouping (count only: the ticket has no working hours), as the
   superuser and as a head of support (record rules applied). Both are run
   in turns (--runs times each, after a warm-up) and the minimum and median
   printed; --explain prints PostgreSQL's EXPLAIN ANALYZE of both queries.
2. The service act (``konus_helpdesk.action_report_service_act``) of one
   contract with 2 000 requests in a year, rendered to PDF by wkhtmltopdf.

The data is generated realistically: N requests (default 100 000) spread
over five years, 60 customers with one or two contracts each, a product per
contract, three incident classes (10 % critical, 60 % non-critical, 30 %
consultations), 12 engineers, four channels, kinds of support, a few
deferrals, declines, re-registrations and complaints; two SLA clocks per
request with the worked hours an SLA engine would have written (a fifth of
the clocks breached). Customers, contracts, products and engineers are made
through the ORM; the requests, their clocks and complaints by SQL inserts
(``INSERT … SELECT generate_series``) — the ORM would take an hour, and the
figures measured are reads. Nothing is committed (unless --keep): the
transaction is rolled back. Run from the repository root against a database
of the project:

    export VENV=/work/main/.venv PGPORT=55432
    $VENV/bin/python benchmarks/report_bench.py -c .state/odoo.conf -d konus_test

Options: -n N requests (100000), --act K requests of the act's contract (2000),
--runs R timings of each pivot (7), --explain, --keep (commit the data: for a
scratch copy of a database only).
"""

import argparse
import statistics
import time
from datetime import date

MEASURES = [
    "__count",
    "first_response_hours:avg",
    "resolution_hours:avg",
    "breached_count:sum",
]
GROUPBY = ["create_date:month", "incident_class"]


def make_setup(env):
    """Customers, contracts, products and engineers through the ORM."""
    Command = __import__("odoo").fields.Command
    calendar = env.ref("konus_helpdesk.calendar_ulan_ude")
    team = env.ref("konus_helpdesk.team_konus_support")
    engineers = env["res.users"].create(
        [
            {
                "name": f"Инженер {i}",
                "login": f"bench-engineer-{i}",
                "group_ids": [
                    Command.link(env.ref("konus_helpdesk.group_support_engineer").id)
                ],
            }
            for i in range(12)
        ]
    )
    customers = env["res.partner"].create(
        [{"name": f"ООО «Клиент {i}»", "is_company": True} for i in range(60)]
    )
    products = env["konus.supported.product"].create(
        [
            {
                "name": f"1С:Предприятие ({c.name})",
                "kind": "software",
                "partner_id": c.id,
            }
            for c in customers
            for _ in range(2)
        ]
    )
    types = env["konus.support.type"].search([])
    contracts = env["konus.support.contract"].create(
        [
            {
                "name": f"БЕНЧ-{i}",
                "partner_id": product.partner_id.id,
                "date_start": date(2021, 1, 1),
                "date_end": date(2030, 12, 31),
                "product_ids": [Command.set(product.ids)],
                "support_type_ids": [Command.set(types.ids)],
                "calendar_id": calendar.id,
            }
            for i, product in enumerate(products)
        ]
    )
    slas = {
        (sla.incident_class, sla.sla_type): sla.id
        for sla in env["helpdesk.sla"].search([("incident_class", "!=", False)])
    }
    return calendar, team, engineers, contracts, slas


def insert_tickets(env, calendar, team, engineers, contracts, slas, count, start_year):
    """``count`` requests spread over the years from ``start_year``."""
    cr = env.cr
    stages = {
        "done": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
        "rejected": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected").id,
        "progress": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id,
    }
    cr.execute(
        """
        CREATE TEMP TABLE bench_contract AS
        SELECT row_number() OVER (ORDER BY c.id) - 1 AS k, c.id, c.partner_id,
               p.product_id
        FROM konus_support_contract c
        JOIN konus_support_contract_product_rel p ON p.contract_id = c.id
        WHERE c.id = ANY(%(contracts)s);
        CREATE TEMP TABLE bench_user AS
        SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM res_users
        WHERE id = ANY(%(engineers)s);
        """,
        {"contracts": contracts.ids, "engineers": engineers.ids},
    )
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            number, name, description, company_id, team_id, stage_id,
            commercial_partner_id, partner_id, contract_id, supported_product_id,
            incident_class, support_type_id, channel_id, user_id,
            sla_calendar_id, create_date, write_date, first_response_date,
            closed_date, deferral_reason_id, active, create_uid, write_uid)
        SELECT
            'BH' || lpad(g::text, 7, '0'), 'Запрос ' || g, '<p>Описание</p>',
            %(company)s, %(team)s,
            CASE WHEN g %% 97 = 0 THEN %(rejected)s
                 WHEN created > now() - interval '10 days' THEN %(progress)s
                 ELSE %(done)s END,
            c.partner_id, c.partner_id, c.id, c.product_id,
            CASE WHEN g %% 10 = 0 THEN 'critical'
                 WHEN g %% 10 < 7 THEN 'non_critical'
                 ELSE 'consultation' END,
            (SELECT id FROM konus_support_type ORDER BY id LIMIT 1 OFFSET g %% 4),
            (SELECT id FROM helpdesk_ticket_channel ORDER BY id LIMIT 1 OFFSET g %% 4),
            u.id, %(calendar)s, created, created,
            created + interval '40 minutes',
            CASE WHEN created > now() - interval '10 days' THEN NULL
                 ELSE created + interval '2 days' END,
            CASE WHEN g %% 97 = 0 THEN (SELECT id FROM konus_deferral_reason
                                        WHERE code = 'misuse')
                 WHEN g %% 41 = 0 THEN (SELECT id FROM konus_deferral_reason
                                        WHERE code = 'unclear') END,
            TRUE, 1, 1
        FROM (
            SELECT g, make_timestamp(%(year)s, 1, 1, 1, 0, 0)
                + (g::float / %(count)s) * (now() AT TIME ZONE 'UTC'
                    - make_timestamp(%(year)s, 1, 1, 1, 0, 0)) AS created
            FROM generate_series(1, %(count)s) g
        ) s
        JOIN bench_contract c
          ON c.k = (g * 7919) %% (SELECT count(*) FROM bench_contract)
        JOIN bench_user u ON u.k = (g * 31) %% (SELECT count(*) FROM bench_user)
        RETURNING id
        """,
        {
            "company": env.company.id,
            "team": team.id,
            "calendar": calendar.id,
            "year": start_year,
            "count": count,
            **stages,
        },
    )
    ids = [row[0] for row in cr.fetchall()]
    insert_clocks(env, ids, slas)
    return ids


def insert_clocks(env, ids, slas):
    """Two clocks per request, with the hours the engine writes at its stop."""
    from odoo.tools import SQL

    cr = env.cr
    for sla_type, hours_expr in (
        ("response", "0.25 + (t.id %% 13) * 0.1"),
        ("resolution", "1 + (t.id %% 29) * 0.5"),
    ):
        cr.execute(
            f"""
            INSERT INTO helpdesk_ticket_sla (
                ticket_id, sla_id, sla_type, calendar_id, hours, consumed_time,
                state, worked_hours, deadline, create_date, write_date)
            SELECT t.id, CASE t.incident_class
                    WHEN 'critical' THEN %(critical)s
                    WHEN 'non_critical' THEN %(non_critical)s
                    ELSE %(consultation)s END,
                %(sla_type)s, t.sla_calendar_id, 8, {hours_expr},
                CASE WHEN stage.declined THEN 'cancelled'
                     WHEN t.closed_date IS NULL THEN 'in_progress'
                     WHEN t.id %% 5 = 0 THEN 'expired'
                     ELSE 'accomplished' END,
                CASE WHEN t.closed_date IS NULL THEN NULL ELSE {hours_expr} END,
                t.create_date + interval '3 days', t.create_date, t.create_date
            FROM helpdesk_ticket t
            JOIN helpdesk_ticket_stage stage ON stage.id = t.stage_id
            WHERE t.id = ANY(%(ids)s)
            """,
            {
                "ids": ids,
                "sla_type": sla_type,
                "critical": slas["critical", sla_type],
                "non_critical": slas["non_critical", sla_type],
                "consultation": slas["consultation", sla_type],
            },
        )
    cr.execute("ANALYZE helpdesk_ticket; ANALYZE helpdesk_ticket_sla")
    # What the ORM keeps on the request from its clocks (sla_*_result, hours,
    # deadline).
    for sla_type in ("response", "resolution"):
        cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket t SET
                    %(result)s = CASE s.state
                        WHEN 'expired' THEN 'breached'
                        WHEN 'cancelled' THEN 'not_applicable'
                        WHEN 'accomplished' THEN 'met' ELSE 'running' END,
                    %(hours)s = s.worked_hours,
                    %(deadline)s = CASE s.state
                        WHEN 'in_progress' THEN s.deadline END
                FROM helpdesk_ticket_sla s
                WHERE s.ticket_id = t.id AND s.sla_type = %(sla_type)s
                    AND t.id BETWEEN %(first)s AND %(last)s
                """,
                result=SQL.identifier(f"sla_{sla_type}_result"),
                hours=SQL.identifier(f"sla_{sla_type}_hours"),
                deadline=SQL.identifier(f"sla_{sla_type}_deadline"),
                sla_type=sla_type,
                first=min(ids),
                last=max(ids),
            )
        )
    # Some re-registrations and complaints.
    cr.execute(
        """
        UPDATE helpdesk_ticket t SET origin_ticket_id = t.id - 1
        WHERE t.id = ANY(%(ids)s) AND t.id %% 53 = 0 AND t.id - 1 = ANY(%(ids)s);
        INSERT INTO konus_complaint (name, kind, ticket_id, partner_id,
            commercial_partner_id, user_id, description, state, company_id,
            create_date, write_date)
        SELECT 'BC' || t.id, 'complaint', t.id, t.partner_id, t.partner_id,
            t.user_id, 'Жалоба', 'done', t.company_id, t.create_date, t.create_date
        FROM helpdesk_ticket t WHERE t.id = ANY(%(ids)s) AND t.id %% 211 = 0;
        """,
        {"ids": ids},
    )


def timings(runs, *funcs):
    """``runs`` timings of each function, taken in turns after a warm-up
    (a machine shared with other jobs slows both sides alike)."""
    for func in funcs:
        func()
    result = [[] for _ in funcs]
    for _ in range(runs):
        for func, times in zip(funcs, result, strict=True):
            start = time.perf_counter()
            func()
            times.append(time.perf_counter() - start)
    return result


def explain(cr, func):
    """EXPLAIN ANALYZE of the GROUP BY query ``func`` runs."""
    queries = []
    execute = cr.execute

    def spy(query, params=None, log_exceptions=True):
        queries.append(cr.mogrify(query, params).decode())
        return execute(query, params, log_exceptions)

    cr.execute = spy
    try:
        func()
    finally:
        del cr.execute
    query = next(q for q in queries if "GROUP BY date_trunc" in q)
    cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query.replace("%", "%%"))
    return "\n".join(row[0] for row in cr.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", type=int, default=100000)
    parser.add_argument("--act", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="commit the generated data (to study the queries in psql)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of both pivot queries",
    )
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry
    from odoo.tests import new_test_user
    from odoo.tools import config

    config.parse_config(["-c", args.config])
    with Registry(args.database).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        start = time.perf_counter()
        calendar, team, engineers, contracts, slas = make_setup(env)
        head = new_test_user(
            env,
            login="bench-head",
            groups="konus_helpdesk.group_support_head",
            tz="Asia/Irkutsk",
        )
        env.flush_all()
        ids = insert_tickets(
            env,
            calendar,
            team,
            engineers,
            contracts,
            slas,
            args.n,
            date.today().year - 4,
        )
        # The act's contract: --act requests in the last full year.
        act_contract = contracts[0]
        year = date.today().year - 1
        cr.execute(
            """
            UPDATE helpdesk_ticket SET contract_id = %s,
                create_date = make_timestamp(%s, 1, 1, 2, 0, 0)
                    + ((id %% 360) || ' days')::interval,
                closed_date = make_timestamp(%s, 1, 1, 2, 0, 0)
                    + ((id %% 360) || ' days 4 hours')::interval
            WHERE id IN (SELECT id FROM helpdesk_ticket WHERE id = ANY(%s)
                         ORDER BY id LIMIT %s)
            """,
            (act_contract.id, year, year, ids, args.act),
        )
        cr.execute("ANALYZE helpdesk_ticket; ANALYZE helpdesk_ticket_sla")
        env.invalidate_all()
        setup = time.perf_counter() - start

        print(
            f"{args.n} requests over five years (built in {setup:.1f} s, not counted)"
        )
        for label, user_env in (
            ("superuser", env),
            # As the web client asks: months on the head's wall clock.
            ("head of support", env(user=head, context={"tz": head.tz})),
        ):
            Report = user_env["konus.helpdesk.ticket.report"]
            Ticket = user_env["helpdesk.ticket"]

            def ours(Report=Report):
                return Report.formatted_read_group([], GROUPBY, MEASURES)

            def plain(Ticket=Ticket):
                return Ticket.formatted_read_group([], GROUPBY, ["__count"])

            plain_times, our_times = timings(args.runs, plain, ours)
            print(
                f"Pivot month × class as the {label}: {len(ours())} cells, "
                f"{args.runs} runs each"
            )
            print(f"{'':44}{'min, s':>10}{'median, s':>11}")
            for name, times in (
                ("helpdesk.ticket (count only)", plain_times),
                ("konus.helpdesk.ticket.report (4 measures)", our_times),
            ):
                print(f"{name:44}{min(times):>10.3f}{statistics.median(times):>11.3f}")
            if args.explain and label == "head of support":
                print("EXPLAIN ANALYZE, helpdesk.ticket:")
                print(explain(cr, plain))
                print("EXPLAIN ANALYZE, konus.helpdesk.ticket.report:")
                print(explain(cr, ours))

        act = env.ref("konus_helpdesk.action_report_service_act")
        data = {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
        start = time.perf_counter()
        values = env["report.konus_helpdesk.report_service_act"]._get_report_values(
            act_contract.ids, data=data
        )
        collected = time.perf_counter() - start
        start = time.perf_counter()
        pdf, kind = act._render_qweb_pdf(act, act_contract.ids, data=data)
        rendered = time.perf_counter() - start
        lines = len(values["acts"][act_contract.id]["lines"])
        print(
            f"Service act of a contract with {lines} requests in {year}: "
            f"{rendered:.1f} s ({kind}, {len(pdf) // 1024} KiB; "
            f"{collected:.2f} s of it reading the requests)"
        )
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
