# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""SLA: konus_helpdesk's batched deadlines vs. OCA helpdesk_mgmt_sla, side by side.

1. Recompute after a holiday edit, with N open tickets (default 10 000, two
   SLA clocks each) on a Buryatia-like calendar: our path (the leave's
   ``create`` triggers ``_konus_recompute_open_deadlines``: one search, one
   interval fetch per calendar, one batched UPDATE) vs. OCA's per-ticket
   recomputation (``calendar.plan_hours`` for every running clock, what
   ``helpdesk.ticket.sla._compute_deadline`` does). Both answers are compared.
2. Ticket creation, one ticket per ``create`` (as mails and the portal do):
   time and SQL queries per ticket in this database vs. a database with
   helpdesk_mgmt + helpdesk_mgmt_sla alone (``--baseline-db``; ``make test``
   leaves one: ``konus_test_oca``).

Nothing is committed: every transaction is rolled back. Run from the
repository root against databases of the project, e.g.:

    export VENV=/work/main/.venv PGPORT=55432
    make test   # leaves konus_test (konus_helpdesk) and konus_test_oca (OCA alone)
    $VENV/bin/python benchmarks/sla_bench.py -c .state/odoo.conf -d konus_test \\
        --baseline-db konus_test_oca

Options: -n N open tickets (10000), --create K tickets timed one by one (200),
--oca-sample M clocks recomputed the OCA way (0 = all).
"""

import argparse
import time
from datetime import datetime, timedelta

QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


def make_setup(env):
    """A Buryatia-like calendar, a team using it and two targets (response
    1 h, resolution 8 h) valid in both databases."""
    Command = __import__("odoo").fields.Command
    calendar = env["resource.calendar"].create(
        {
            "name": "Bench Buryatia",
            "tz": "Asia/Irkutsk",
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{d}{a}",
                        "dayofweek": str(d),
                        "hour_from": a,
                        "hour_to": b,
                    }
                )
                for d in range(5)
                for a, b in ((8.5, 12.0), (13.0, 17.5))
            ],
        }
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench SLA team", "use_sla": True, "resource_calendar_id": calendar.id}
    )
    # Only our targets apply to the bench team's tickets.
    env["helpdesk.sla"].search([("team_ids", "=", False)]).active = False
    konus = "working_hours" in env["helpdesk.sla"]._fields
    for sla_type, hours in (("response", 1), ("resolution", 8)):
        vals = {
            "name": f"Bench {sla_type}",
            "team_ids": [Command.set(team.ids)],
            "hours": hours,
        }
        if konus:
            vals.update(sla_type=sla_type, working_hours=hours)
        else:
            # OCA needs a stage to reach; "Done" is the regulation's end.
            vals["stage_id"] = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
        env["helpdesk.sla"].create(vals)
    return calendar, team


def ticket_vals(team, i):
    return {
        "name": f"Bench ticket {i}",
        "description": "<p>bench</p>",
        "team_id": team.id,
    }


def bench_creation(env, team, count):
    """Seconds and queries per ticket created one by one (after warm-up)."""
    Ticket = env["helpdesk.ticket"]
    for i in range(20):
        Ticket.create(ticket_vals(team, i))
    env.flush_all()
    cr = env.cr
    queries = cr.sql_log_count
    start = time.perf_counter()
    for i in range(count):
        Ticket.create(ticket_vals(team, i))
        env.flush_all()
    elapsed = time.perf_counter() - start
    return elapsed / count, (cr.sql_log_count - queries) / count


def bench_recompute(env, calendar, team, n_tickets, oca_sample):
    Ticket = env["helpdesk.ticket"].with_context(**QUIET)
    t0 = time.perf_counter()
    for offset in range(0, n_tickets, 1000):
        Ticket.create(
            [ticket_vals(team, i) for i in range(offset, min(n_tickets, offset + 1000))]
        )
    env.flush_all()
    setup_time = time.perf_counter() - t0
    clocks = env["helpdesk.ticket.sla"].search(
        [("calendar_id", "=", calendar.id), ("state", "=", "in_progress")]
    )
    env.invalidate_all()

    # Ours: the holiday edit itself triggers the batched recompute.
    now = datetime.now()
    tomorrow = now + timedelta(days=1)
    cr = env.cr
    queries = cr.sql_log_count
    t0 = time.perf_counter()
    env["resource.calendar.leaves"].create(
        {
            "name": "Bench holiday",
            "calendar_id": calendar.id,
            "date_from": tomorrow.replace(hour=0, minute=0, second=0),
            "date_to": tomorrow.replace(hour=15, minute=59, second=59),
        }
    )
    env.flush_all()
    ours = time.perf_counter() - t0
    our_queries = cr.sql_log_count - queries

    # OCA: plan_hours per running clock.
    sample = clocks if not oca_sample else clocks[:oca_sample]
    data = [(c.running_since, c.hours - c.consumed_time, c.deadline) for c in sample]
    env.invalidate_all()
    queries = cr.sql_log_count
    t0 = time.perf_counter()
    answers = [
        calendar.plan_hours(hours, start, compute_leaves=True)
        for start, hours, _deadline in data
    ]
    oca = time.perf_counter() - t0
    oca_queries = cr.sql_log_count - queries
    if len(sample) != len(clocks):
        oca *= len(clocks) / len(sample)
        oca_queries = oca_queries * len(clocks) // len(sample)
    differ = sum(
        abs((answer - deadline).total_seconds()) > 1
        for answer, (_s, _h, deadline) in zip(answers, data, strict=True)
    )
    return len(clocks), setup_time, ours, our_queries, oca, oca_queries, differ


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--baseline-db", help="database with helpdesk_mgmt_sla alone")
    parser.add_argument("-n", type=int, default=10000)
    parser.add_argument("--create", type=int, default=200)
    parser.add_argument("--oca-sample", type=int, default=0)
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config])

    creation = {}
    for label, db in (("konus", args.database), ("oca", args.baseline_db)):
        if not db:
            continue
        with Registry(db).cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {})
            calendar, team = make_setup(env)
            creation[label] = bench_creation(env, team, args.create)
            if label == "konus":
                result = bench_recompute(env, calendar, team, args.n, args.oca_sample)
            cr.rollback()

    clocks, setup_time, ours, our_q, oca, oca_q, differ = result
    print(
        f"Recompute after a holiday edit: {args.n} open tickets, "
        f"{clocks} running clocks"
    )
    print(f"  (building them took {setup_time:.1f} s, not counted)")
    print(f"{'':30}{'OCA per ticket':>18}{'konus batched':>18}")
    print(f"{'time, s':30}{oca:>18.2f}{ours:>18.2f}")
    print(f"{'SQL queries':30}{oca_q:>18}{our_q:>18}")
    print(f"{'speed-up':30}{'':>18}{oca / ours:>17.1f}x")
    note = (
        "" if not args.oca_sample else f" (OCA measured on {args.oca_sample}, scaled)"
    )
    print(f"deadlines differing from plan_hours by > 1 s: {differ}{note}")
    print()
    print(f"Ticket creation, one by one ({args.create} tickets, 2 SLA clocks each)")
    print(f"{'':30}{'OCA alone':>18}{'konus_helpdesk':>18}")
    oca_c = creation.get("oca")
    ours_c = creation["konus"]
    print(
        f"{'ms per ticket':30}"
        f"{(f'{1000 * oca_c[0]:.1f}' if oca_c else 'n/a'):>18}{1000 * ours_c[0]:>18.1f}"
    )
    print(
        f"{'SQL queries per ticket':30}"
        f"{(f'{oca_c[1]:.1f}' if oca_c else 'n/a'):>18}{ours_c[1]:>18.1f}"
    )
    if oca_c:
        print(
            f"{'ratio / extra queries':30}{'':>18}"
            f"{ours_c[0] / oca_c[0]:>10.2f}x /{ours_c[1] - oca_c[1]:>+5.1f}"
        )


if __name__ == "__main__":
    main()
