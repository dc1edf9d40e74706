# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""plan_hours on the Buryatia calendar: konus_helpdesk's working-weekend
extension vs. Odoo's own resource.calendar, side by side.

Both calendars have the same attendances and the same global leaves (five
years of holidays, transfers, Sagaalgan and shortened hours); "ours" goes
through the addon's ``_attendance_intervals_batch`` (working weekend days
added), the baseline is a plain copy whose working-weekend dates are hidden
from the extension, i.e. Odoo's code path alone.

Run against a database where konus_helpdesk is installed (nothing is
committed; everything is rolled back):

    export VENV=/work/main/.venv PGPORT=55432
    tools/konus.sh config >/dev/null
    $VENV/bin/python benchmarks/calendar_bench.py -c .state/odoo.conf -d konus_test

Options: --calls N (default 10000), --years 2023-2027.
"""

import argparse
import random
import time
from datetime import datetime, timedelta

from pytz import timezone


def build(env, years):
    calendar = env.ref("konus_helpdesk.calendar_ulan_ude")
    calendar._konus_sync_special_days(years)
    baseline = calendar.copy(
        {"name": "Baseline (no working weekends)", "konus_holiday_policy": False}
    )
    leaves = calendar.leave_ids
    env["resource.calendar.leaves"].create(
        [
            {
                "name": leave.name,
                "calendar_id": baseline.id,
                "date_from": leave.date_from,
                "date_to": leave.date_to,
                "time_type": "leave",
            }
            for leave in leaves
        ]
    )
    return calendar, baseline, len(calendar.konus_special_day_ids), len(leaves)


def run(calendar, starts, hours):
    t0 = time.perf_counter()
    for start, h in zip(starts, hours, strict=True):
        calendar.plan_hours(h, start, compute_leaves=True)
    return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--calls", type=int, default=10000)
    parser.add_argument("--years", default="2023-2027")
    args = parser.parse_args()

    from odoo.api import SUPERUSER_ID, Environment
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(["-c", args.config])
    first, last = (int(y) for y in args.years.split("-"))
    years = range(first, last + 1)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        calendar, baseline, n_days, n_leaves = build(env, years)
        tz = timezone(calendar.tz)
        rnd = random.Random(4)
        span = (datetime(last, 12, 31) - datetime(first, 1, 1)).days
        starts = [
            tz.localize(
                datetime(first, 1, 1)
                + timedelta(days=rnd.randrange(span), minutes=rnd.randrange(24 * 60))
            )
            for _ in range(args.calls)
        ]
        hours = [rnd.choice((1, 2, 4, 8, 16, 40)) for _ in range(args.calls)]
        # warm-up (caches, prefetch) on both
        run(calendar, starts[:200], hours[:200])
        run(baseline, starts[:200], hours[:200])
        # same answers except around working weekend days
        differ = sum(
            calendar.plan_hours(h, s, compute_leaves=True)
            != baseline.plan_hours(h, s, compute_leaves=True)
            for s, h in zip(starts[:1000], hours[:1000], strict=True)
        )
        # A-B-B-A halves, so that neither side profits from running last.
        half = args.calls // 2
        first_half, second_half = (
            (starts[:half], hours[:half]),
            (starts[half:], hours[half:]),
        )
        t_base = run(baseline, *first_half)
        t_ours = run(calendar, *first_half)
        t_ours += run(calendar, *second_half)
        t_base += run(baseline, *second_half)
        print(f"special days: {n_days} over {first}-{last}, global leaves: {n_leaves}")
        print(f"{'':28}{'baseline (Odoo)':>18}{'konus_helpdesk':>18}")
        print(f"{'plan_hours calls':28}{args.calls:>18}{args.calls:>18}")
        print(f"{'total, s':28}{t_base:>18.3f}{t_ours:>18.3f}")
        print(
            f"{'per call, ms':28}{1000 * t_base / args.calls:>18.3f}"
            f"{1000 * t_ours / args.calls:>18.3f}"
        )
        print(f"{'ratio':28}{'1.00':>18}{t_ours / t_base:>18.2f}")
        print(f"answers that differ (working weekends) in the first 1000: {differ}")
        cr.rollback()


if __name__ == "__main__":
    main()
