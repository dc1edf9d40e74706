# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .sla_common import SlaCase, local, ulan_ude

TUESDAY_SHORTENED = date(2027, 3, 2)
WEDNESDAY_HOLIDAY = date(2027, 3, 3)
THURSDAY = date(2027, 3, 4)
SATURDAY_WORKING = date(2027, 3, 6)
SATURDAY_SHORTENED = date(2027, 3, 13)


@tagged("post_install", "-at_install")
class TestSpecialDaysFollowTheCalendar(SlaCase):
    """Days off, shortened hours and working weekends are applied by the
    calendar itself, in its current time zone, attendances and weekend
    pattern: editing any of them can never leave a holiday covering the
    wrong hours, and the open SLA deadlines move with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add_special_days(cls.calendar)

    @classmethod
    def add_special_days(cls, calendar):
        cls.env["konus.calendar.special.day"].create(
            [
                {"calendar_id": calendar.id, "date": day, "kind": kind}
                for day, kind in (
                    (TUESDAY_SHORTENED, "shortened"),
                    (WEDNESDAY_HOLIDAY, "holiday"),
                    (SATURDAY_WORKING, "working_weekend"),
                    (SATURDAY_SHORTENED, "shortened"),
                )
            ]
        )

    def work_on(self, calendar, day, compute_leaves=True):
        """The working periods of ``day`` as local (start, stop) times."""
        tz = pytz.timezone(calendar.tz)
        start = tz.localize(datetime.combine(day, time.min))
        stop = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        if compute_leaves:
            intervals = calendar._work_intervals_batch(start, stop)[False]
        else:
            intervals = calendar._attendance_intervals_batch(start, stop)[False]
        return [(s.time(), e.time()) for s, e, _meta in intervals]

    def hours_on(self, calendar, day):
        tz = pytz.timezone(calendar.tz)
        return calendar.get_work_hours_count(
            tz.localize(datetime.combine(day, time.min)),
            tz.localize(datetime.combine(day + timedelta(days=1), time.min)),
        )

    def attendance(self, calendar, dayofweek, hour_to):
        return calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == dayofweek and a.hour_to == hour_to
        )

    def test_the_days_as_made(self):
        calendar = self.calendar
        self.assertEqual(
            self.work_on(calendar, TUESDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(16, 30))],
        )
        self.assertEqual(self.work_on(calendar, WEDNESDAY_HOLIDAY), [])
        self.assertEqual(self.hours_on(calendar, THURSDAY), 8)
        self.assertEqual(self.hours_on(calendar, SATURDAY_WORKING), 8)
        self.assertEqual(self.hours_on(calendar, SATURDAY_SHORTENED), 7)
        # The production calendar is the calendar's schedule: it holds
        # without leaves too.
        self.assertEqual(
            self.work_on(calendar, WEDNESDAY_HOLIDAY, compute_leaves=False), []
        )
        self.assertEqual(
            self.work_on(calendar, SATURDAY_SHORTENED, compute_leaves=False),
            [(time(8, 30), time(12)), (time(13), time(16, 30))],
        )
        self.assertFalse(calendar._works_on_date(WEDNESDAY_HOLIDAY))
        self.assertTrue(calendar._works_on_date(SATURDAY_WORKING))
        self.assertFalse(
            self.env["resource.calendar.leaves"].search(
                [("calendar_id", "=", calendar.id)]
            ),
            "special days are no stored leaves",
        )
        holiday = calendar.konus_special_day_ids.filtered(
            lambda d: d.date == WEDNESDAY_HOLIDAY
        )
        self.assertEqual(holiday.work_hours, 0)
        shortened = calendar.konus_special_day_ids.filtered(
            lambda d: d.date == SATURDAY_SHORTENED
        )
        self.assertEqual(shortened.work_hours, 7)

    def test_time_zone_change(self):
        # A calendar made in UTC (the default of a user without a time
        # zone), its holidays entered, then put on Vladivostok time.
        calendar = self.make_calendar(
            "Vladivostok (test)",
            [(day, 8.5, 12.0) for day in range(5)]
            + [(day, 13.0, 17.5) for day in range(5)],
        )
        calendar.tz = "UTC"
        self.add_special_days(calendar)
        calendar.tz = "Asia/Vladivostok"
        self.assertEqual(self.work_on(calendar, WEDNESDAY_HOLIDAY), [])
        self.assertEqual(self.hours_on(calendar, THURSDAY), 8)
        self.assertEqual(
            self.work_on(calendar, TUESDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(16, 30))],
        )
        self.assertEqual(
            self.work_on(calendar, SATURDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(16, 30))],
        )
        self.assertEqual(
            calendar.plan_hours(
                1,
                pytz.timezone("Asia/Vladivostok").localize(
                    datetime.combine(TUESDAY_SHORTENED, time(16))
                ),
                compute_leaves=True,
            ),
            pytz.timezone("Asia/Vladivostok").localize(
                datetime.combine(THURSDAY, time(9))
            ),
        )

    def test_attendance_change(self):
        calendar = self.calendar
        # Tuesdays now end at 18:00: the shortened Tuesday at 17:00.
        self.attendance(calendar, "1", 17.5).hour_to = 18.0
        self.assertEqual(
            self.work_on(calendar, TUESDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(17))],
        )
        # Mondays (the weekend pattern) now end at 16:00: so do working
        # Saturdays, and a shortened one at 15:00.
        self.attendance(calendar, "0", 17.5).hour_to = 16.0
        self.assertEqual(self.hours_on(calendar, SATURDAY_WORKING), 6.5)
        self.assertEqual(
            self.work_on(calendar, SATURDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(15))],
        )
        # Wednesdays start at 07:00: the holiday is still a whole day off.
        self.attendance(calendar, "2", 12.0).hour_from = 7.0
        self.assertEqual(self.work_on(calendar, WEDNESDAY_HOLIDAY), [])
        # A last period shorter than the hour: the rest comes off before
        # the break.
        self.attendance(calendar, "1", 18.0).hour_to = 13.5
        self.assertEqual(
            self.work_on(calendar, TUESDAY_SHORTENED), [(time(8, 30), time(11, 30))]
        )

    def test_weekend_pattern_change(self):
        calendar = self.calendar
        self.attendance(calendar, "4", 17.5).hour_to = 16.5  # short Fridays
        calendar.konus_weekend_pattern = "4"
        self.assertEqual(self.hours_on(calendar, SATURDAY_WORKING), 7)
        self.assertEqual(
            self.work_on(calendar, SATURDAY_SHORTENED),
            [(time(8, 30), time(12)), (time(13), time(15, 30))],
        )

    def test_sla_deadlines_follow_calendar_edits(self):
        moscow = "Europe/Moscow"
        with freeze_time(ulan_ude(2027, 3, 2, 13, 0)):  # the shortened Tuesday
            ticket = self.new_ticket("critical")
        resolution = self.clock(ticket, "resolution")
        # 8 h: Tue 13:00-16:30, Wednesday off, Thu 08:30-12:00, 13:00-14:00
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 4, 14, 0))
        # The same moment is 08:00 in Moscow: Tue 08:30-12:00 and
        # 13:00-16:30, Wednesday off, Thu 08:30-09:30.
        self.calendar.tz = moscow
        self.assertEqual(resolution.deadline, local(moscow, 2027, 3, 4, 9, 30))
        # Thursdays start at 09:00.
        self.attendance(self.calendar, "3", 12.0).hour_from = 9.0
        self.assertEqual(resolution.deadline, local(moscow, 2027, 3, 4, 10, 0))
        # Wednesday worked after all, shortened.
        holiday = self.calendar.konus_special_day_ids.filtered(
            lambda d: d.date == WEDNESDAY_HOLIDAY
        )
        holiday.kind = "shortened"
        self.assertEqual(resolution.deadline, local(moscow, 2027, 3, 3, 9, 30))
        # Tuesday no longer shortened: 8 h are used up on Tuesday.
        self.calendar.konus_special_day_ids.filtered(
            lambda d: d.date == TUESDAY_SHORTENED
        ).unlink()
        self.assertEqual(resolution.deadline, local(moscow, 2027, 3, 2, 17, 30))

    def test_special_day_moved_to_another_calendar(self):
        other = self.make_calendar(
            "Other (test)", [(day, 9.0, 18.0) for day in range(5)]
        )
        day = self.env["konus.calendar.special.day"].create(
            {"calendar_id": other.id, "date": THURSDAY, "kind": "holiday"}
        )
        self.assertEqual(self.hours_on(other, THURSDAY), 0)
        self.assertEqual(self.hours_on(self.calendar, THURSDAY), 8)
        day.calendar_id = self.calendar
        self.assertEqual(self.hours_on(other, THURSDAY), 9)
        self.assertEqual(self.hours_on(self.calendar, THURSDAY), 0)


@tagged("post_install", "-at_install")
class TestCalendarRpc(HttpCase):
    """``resource.calendar.write`` keeps its record API over RPC."""

    def test_write_over_json_rpc(self):
        new_test_user(self.env, login="cal-admin", groups="base.group_system")
        calendar = self.env["resource.calendar"].create(
            {"name": "RPC calendar", "tz": "Asia/Irkutsk"}
        )
        self.authenticate("cal-admin", "cal-admin")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/resource.calendar/write",
            {
                "model": "resource.calendar",
                "method": "write",
                "args": [calendar.ids, {"tz": "Europe/Moscow"}],
                "kwargs": {},
            },
        )
        self.assertIs(result, True)
        calendar.invalidate_recordset()
        self.assertEqual(calendar.tz, "Europe/Moscow")
        # and through the ORM, on several records
        calendars = calendar | calendar.copy()
        self.assertIs(calendars.write({"tz": "Asia/Irkutsk"}), True)
        self.assertEqual(set(calendars.mapped("tz")), {"Asia/Irkutsk"})
