# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""plan_hours on the Buryatia calendar: konus_helpdesk's special days vs.
Odoo's own resource.calendar, side by side.

Both calendars have the same attendances and five years of holidays,
transfers, Sagaalgan and shortened hours: "ours" as special days, applied by
the addon's ``_attendance_intervals_batch`` (working weekend days added too),
the baseline as plain global leaves on a copy without special days, i.e.
Odoo's code path alone.

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

from pytz import timezone, utc


def leave_spans(calendar):
    """The local (start, stop) spans Odoo alone needs as global leaves for
    the calendar's days off and shortened hours."""
    from odoo.tools.date_utils import float_to_time

    from odoo.addons.konus_helpdesk.tools import production_calendar as pc

    spans = []
    for day in calendar.konus_special_day_ids:
        if day.kind in pc.NON_WORKING_KINDS:
            spans.append(
                (
                    datetime.combine(day.date, datetime.min.time()),
                    datetime.combine(day.date + timedelta(days=1), datetime.min.time()),
                )
            )
        elif day.kind == pc.SHORTENED:
            attendances = calendar._konus_day_attendances(day.date)
            hours = [(a.hour_from, a.hour_to) for a in attendances]
            spans += [
                (
                    datetime.combine(day.date, float_to_time(start)),
                    datetime.combine(day.date, float_to_time(stop)),
                )
                for start, stop in pc.shortened_spans(hours)
            ]
    return spans


def build(env, years):
    calendar = env.ref("konus_helpdesk.calendar_ulan_ude")
    calendar._konus_sync_special_days(years)
    baseline = calendar.copy(
        {"name": "Baseline (no special days)", "konus_holiday_policy": False}
    )
    tz = timezone(calendar.tz)

    def to_utc(moment):
        return tz.localize(moment).astimezone(utc).replace(tzinfo=None)

    spans = leave_spans(calendar)
    env["resource.calendar.leaves"].create(
        [
            {
                "name": "Special day",
                "calendar_id": baseline.id,
                "date_from": to_utc(start),
                "date_to": to_utc(stop),
                "time_type": "leave",
            }
            for start, stop in spans
        ]
    )
    return calendar, baseline, len(calendar.konus_special_day_ids), len(spans)


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
        print(
            f"special days: {n_days} over {first}-{last}, "
            f"baseline's global leaves: {n_leaves}"
        )
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
