# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from pytz import timezone, utc

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.convert import convert_file

IRK = timezone("Asia/Irkutsk")

# The official Russian production calendar, five-day week, 40-hour norm:
# (working days, hours) per month.
# 2024: consultant.ru «Производственный календарь на 2024 год» (Government
#   decree of 10.08.2023 N 1310); total 248 days / 1979 h.
# 2025: consultant.ru «Производственный календарь на 2025 год» (decree of
#   04.10.2024 N 1335); total 247 days / 1972 h.
# 2026: Главбух (glavaudit.org/situations/k518956) «Производственный календарь
#   2026» (decree of 24.09.2025 N 1466); total 247 days / 1972 h.
# 2027: no published monthly table was found; the figures follow the
#   Government's transfer decree for 2027 as encoded in the `holidays`
#   package (consultant.ru document LAW_544706) with art. 95 applied.
OFFICIAL_40H = {
    2024: [
        (17, 136),
        (20, 159),
        (20, 159),
        (21, 168),
        (20, 159),
        (19, 151),
        (23, 184),
        (22, 176),
        (21, 168),
        (23, 184),
        (21, 167),
        (21, 168),
    ],
    2025: [
        (17, 136),
        (20, 160),
        (21, 167),
        (22, 175),
        (18, 144),
        (19, 151),
        (23, 184),
        (21, 168),
        (22, 176),
        (23, 184),
        (19, 151),
        (22, 176),
    ],
    2026: [
        (15, 120),
        (19, 152),
        (21, 168),
        (22, 175),
        (19, 151),
        (21, 167),
        (23, 184),
        (21, 168),
        (22, 176),
        (22, 176),
        (20, 159),
        (22, 176),
    ],
    2027: [
        (15, 120),
        (19, 151),
        (22, 176),
        (22, 175),
        (19, 152),
        (21, 167),
        (22, 176),
        (22, 176),
        (22, 176),
        (21, 168),
        (20, 159),
        (22, 176),
    ],
}
# Buryatia: Sagaalgan is one more non-working day (-1 day, -8 h), and when
# the day before it is a working day, that day is shortened (-1 h), as for
# any non-working holiday (ulan.mk.ru, 15.02.2023: «Понедельник, 20 февраля,
# будет рабочим днем, однако предпраздничным и потому сокращенным»).
SAGAALGAN_ADJUSTMENT = {
    (2024, 2): (-1, -8),  # Mon 12 Feb; Sunday before it
    (2025, 3): (-1, -8),  # Mon 3 Mar; Sunday before it
    (2026, 2): (-1, -9),  # Wed 18 Feb; Tue 17 Feb shortened
    (2027, 2): (-1, -8),  # Mon 8 Feb (predicted); Sunday before it
}


def irk(*args):
    return IRK.localize(datetime(*args))


@tagged("post_install", "-at_install")
class TestBuryatiaCalendar(TransactionCase):
    """§3.1 working time: the Ulan-Ude calendar with the synced production
    calendar is what plan_hours / get_work_hours_count compute with."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("konus_helpdesk.calendar_ulan_ude")
        cls.calendar._konus_sync_special_days(range(2024, 2028))
        cls.SpecialDay = cls.env["konus.calendar.special.day"]

    def _special(self, day):
        return self.SpecialDay.search(
            [("calendar_id", "=", self.calendar.id), ("date", "=", day)]
        )

    def _month(self, year, month):
        start = irk(year, month, 1)
        end = irk(year + (month == 12), month % 12 + 1, 1)
        return start, end

    def test_team_uses_the_calendar(self):
        team = self.env.ref("konus_helpdesk.team_konus_support")
        self.assertEqual(team.resource_calendar_id, self.calendar)
        self.assertEqual(self.calendar.tz, "Asia/Irkutsk")
        self.assertEqual(self.calendar.hours_per_day, 8)

    def test_every_month_matches_the_official_calendar(self):
        for year, months in OFFICIAL_40H.items():
            for month, (days, hours) in enumerate(months, start=1):
                adjust = SAGAALGAN_ADJUSTMENT.get((year, month), (0, 0))
                start, end = self._month(year, month)
                intervals = self.calendar._work_intervals_batch(start, end)[False]
                worked_dates = {s.date() for s, _e, _m in intervals}
                with self.subTest(year=year, month=month):
                    self.assertEqual(len(worked_dates), days + adjust[0])
                    self.assertAlmostEqual(
                        self.calendar.get_work_hours_count(start, end),
                        hours + adjust[1],
                    )
                    self.assertAlmostEqual(
                        self.calendar.get_work_duration_data(start, end)["hours"],
                        hours + adjust[1],
                    )

    def test_plan_hours_lunch_break(self):
        self.assertEqual(
            self.calendar.plan_hours(2, irk(2025, 6, 17, 11), compute_leaves=True),
            irk(2025, 6, 17, 14),
        )
        self.assertEqual(
            self.calendar.get_work_hours_count(
                irk(2025, 6, 17, 11), irk(2025, 6, 17, 14)
            ),
            2,
        )

    def test_plan_hours_weekend(self):
        self.assertEqual(
            self.calendar.plan_hours(2, irk(2025, 6, 20, 16, 30), compute_leaves=True),
            irk(2025, 6, 23, 9, 30),
        )

    def test_plan_hours_new_year_holiday_block(self):
        # Tue 30 Dec 2025 17:00: half an hour left; 31 Dec, 1-8 Jan and the
        # transferred 9 Jan 2026 off, the weekend, back on Mon 12 Jan.
        self.assertEqual(
            self.calendar.plan_hours(1, irk(2025, 12, 30, 17), compute_leaves=True),
            irk(2026, 1, 12, 9),
        )
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2025, 12, 30), irk(2026, 1, 13)),
            8 + 8,
        )

    def test_plan_hours_shortened_day(self):
        # Wed 11 Jun 2025 ends at 16:30; 12-15 Jun off.
        self.assertEqual(
            self.calendar.plan_hours(2, irk(2025, 6, 11, 15, 30), compute_leaves=True),
            irk(2025, 6, 16, 9, 30),
        )
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2025, 6, 11), irk(2025, 6, 12)), 7
        )

    def test_working_saturdays(self):
        # Sat 28 Dec 2024: a full Monday schedule.
        sat = self.calendar._work_intervals_batch(irk(2024, 12, 28), irk(2024, 12, 29))
        self.assertEqual(
            [(s, e) for s, e, _m in sat[False]],
            [
                (irk(2024, 12, 28, 8, 30), irk(2024, 12, 28, 12)),
                (irk(2024, 12, 28, 13), irk(2024, 12, 28, 17, 30)),
            ],
        )
        # Sat 1 Nov 2025: working and shortened (replaces pre-holiday 3 Nov).
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2025, 11, 1), irk(2025, 11, 2)), 7
        )
        self.assertEqual(
            self.calendar.plan_hours(1, irk(2025, 10, 31, 17), compute_leaves=True),
            irk(2025, 11, 1, 9),
        )
        self.assertTrue(self.calendar._works_on_date(date(2025, 11, 1)))
        # the second working day from Friday 27 Dec is the Saturday
        # (plan_days stops at the end of that day's first interval)
        self.assertEqual(
            self.calendar.plan_days(2, irk(2024, 12, 27, 8), compute_leaves=True),
            irk(2024, 12, 28, 12),
        )

    def test_plan_hours_sagaalgan(self):
        # Tue 17 Feb 2026 is shortened, Wed 18 Feb is Sagaalgan.
        self.assertEqual(
            self.calendar.plan_hours(1, irk(2026, 2, 17, 16), compute_leaves=True),
            irk(2026, 2, 19, 9),
        )
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2026, 2, 16), irk(2026, 2, 21)),
            8 + 7 + 0 + 8 + 8,
        )

    def test_plan_hours_year_boundary(self):
        # Fri 27 Dec 2024 17:00 + 10 h: 0.5 h Friday, 8 h on the working
        # Saturday, then 29 Dec - 8 Jan off, 1.5 h on Thu 9 Jan 2025.
        self.assertEqual(
            self.calendar.plan_hours(10, irk(2024, 12, 27, 17), compute_leaves=True),
            irk(2025, 1, 9, 10),
        )
        # and backwards
        self.assertEqual(
            self.calendar.plan_hours(-10, irk(2025, 1, 9, 10), compute_leaves=True),
            irk(2024, 12, 27, 17),
        )

    def test_utc_start_late_in_the_evening(self):
        # 23:30 UTC on Mon 16 Jun 2025 is 07:30 on Tuesday in Ulan-Ude.
        start = utc.localize(datetime(2025, 6, 16, 23, 30))
        self.assertEqual(
            self.calendar.plan_hours(1, start, compute_leaves=True),
            utc.localize(datetime(2025, 6, 17, 1, 30)),
        )
        # 20:00 UTC on Friday is already Saturday 04:00 locally.
        start = utc.localize(datetime(2025, 6, 20, 20))
        self.assertEqual(
            self.calendar.plan_hours(1, start, compute_leaves=True),
            utc.localize(datetime(2025, 6, 23, 1, 30)),
        )
        # naive datetimes (as the SLA passes fields.Datetime) are UTC
        self.assertEqual(
            self.calendar.get_work_hours_count(
                datetime(2025, 6, 16, 23, 30), datetime(2025, 6, 17, 9, 30)
            ),
            8,
        )

    def test_editing_a_special_day_changes_results_at_once(self):
        day_start, day_end = irk(2026, 2, 18), irk(2026, 2, 20)
        self.assertEqual(self.calendar.get_work_hours_count(day_start, day_end), 8)
        sagaalgan = self._special(date(2026, 2, 18))
        self.assertEqual(sagaalgan.kind, "regional")
        self.assertEqual(sagaalgan.source, "synced")
        sagaalgan.date = date(2026, 2, 19)
        self.assertEqual(sagaalgan.source, "manual")
        self.assertEqual(self.calendar.get_work_hours_count(day_start, day_end), 8)
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2026, 2, 19), day_end), 0
        )
        self.assertEqual(
            self.calendar.plan_hours(1, irk(2026, 2, 18, 17), compute_leaves=True),
            irk(2026, 2, 20, 9),
        )
        sagaalgan.unlink()
        self.assertEqual(self.calendar.get_work_hours_count(day_start, day_end), 16)
        # a manual working Saturday counts immediately, and stops counting
        saturday = self.SpecialDay.create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 3, 14),
                "kind": "working_weekend",
            }
        )
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2026, 3, 14), irk(2026, 3, 15)), 8
        )
        saturday.kind = "shortened"
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2026, 3, 14), irk(2026, 3, 15)), 7
        )
        saturday.unlink()
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2026, 3, 14), irk(2026, 3, 15)), 0
        )

    def test_resync_is_idempotent_and_keeps_manual_days(self):
        summary = self.calendar._konus_sync_special_days(range(2024, 2028))
        self.assertEqual(
            (summary["created"], summary["updated"], summary["removed"]), (0, 0, 0)
        )
        # The head of support decides 31 Dec 2026 is worked after all.
        dec31 = self._special(date(2026, 12, 31))
        dec31.write({"kind": "working_weekend", "note": "Приказ по Конусу"})
        # and a synced day disappears by hand
        self._special(date(2026, 11, 3)).unlink()
        summary = self.calendar._konus_sync_special_days(range(2024, 2028))
        self.assertEqual(
            (summary["created"], summary["updated"], summary["removed"]), (1, 0, 0)
        )
        self.assertEqual(summary["manual"], 1)
        self.assertEqual(dec31.kind, "working_weekend")
        self.assertEqual(dec31.source, "manual")
        self.assertEqual(self._special(date(2026, 11, 3)).kind, "shortened")
        summary = self.calendar._konus_sync_special_days(range(2024, 2028))
        self.assertEqual(
            (summary["created"], summary["updated"], summary["removed"]), (0, 0, 0)
        )
        # a synced day the package no longer wants goes away
        stray = self.SpecialDay.with_context(konus_special_day_sync=True).create(
            {
                "calendar_id": self.calendar.id,
                "date": date(2026, 7, 7),
                "kind": "holiday",
                "source": "synced",
            }
        )
        summary = self.calendar._konus_sync_special_days([2026])
        self.assertEqual(summary["removed"], 1)
        self.assertFalse(stray.exists())

    def test_sync_button_reports_summary(self):
        action = self.calendar.action_konus_sync_special_days()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("0", action["params"]["message"])

    def test_unconfirmed_predictions(self):
        self.assertFalse(self._special(date(2027, 2, 8)).confirmed)
        self.assertTrue(self._special(date(2026, 2, 18)).confirmed)
        self.calendar._konus_sync_special_days([2028])
        days_2028 = self.SpecialDay.search(
            [("calendar_id", "=", self.calendar.id), ("year", "=", 2028)]
        )
        self.assertTrue(days_2028)
        self.assertFalse(any(days_2028.mapped("confirmed")))

    def test_special_days_apply_without_stored_leaves(self):
        holiday = self._special(date(2025, 6, 12))
        self.assertFalse(
            self.env["resource.calendar.leaves"].search(
                [("calendar_id", "=", self.calendar.id)]
            )
        )
        # the local day, 16:00 UTC the day before to 16:00 UTC, is off
        self.assertEqual(
            self.calendar.get_work_hours_count(
                datetime(2025, 6, 11, 16), datetime(2025, 6, 12, 16)
            ),
            0,
        )
        # the shortened day ends at 16:30 local, 08:30 UTC
        intervals = self.calendar._work_intervals_batch(
            irk(2025, 6, 11), irk(2025, 6, 12)
        )[False]
        self.assertEqual(
            [e.astimezone(utc).replace(tzinfo=None) for _s, e, _m in intervals][-1],
            datetime(2025, 6, 11, 8, 30),
        )
        holiday.unlink()
        self.assertEqual(
            self.calendar.get_work_hours_count(irk(2025, 6, 12), irk(2025, 6, 13)), 8
        )

    def test_sync_runs_at_install_only(self):
        """The install-time sync is no upgrade-time sync: ``-u`` leaves the
        head of support's removals alone."""
        calendar = self.calendar
        calendar._konus_sync_special_days(calendar._konus_sync_years())
        new_year = date(fields.Date.context_today(calendar).year, 1, 1)
        self._special(new_year).unlink()
        convert_file(
            self.env, "konus_helpdesk", "data/ir_cron_data.xml", {}, mode="update"
        )
        self.assertFalse(self._special(new_year))
        convert_file(
            self.env, "konus_helpdesk", "data/ir_cron_data.xml", {}, mode="init"
        )
        self.assertEqual(self._special(new_year).kind, "holiday")

    def test_24_7_calendar(self):
        calendar = self.env.ref("konus_helpdesk.calendar_24_7")
        self.assertFalse(calendar.konus_holiday_policy)
        # 24:00 is 23:59:59.999999 for resource: a microsecond short a day
        self.assertAlmostEqual(
            calendar.get_work_hours_count(irk(2026, 1, 1), irk(2026, 1, 3)),
            48,
            places=4,
        )


@tagged("post_install", "-at_install")
class TestSpecialDaySecurity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("konus_helpdesk.calendar_ulan_ude")
        cls.engineer = new_test_user(
            cls.env, login="cal-eng", groups="konus_helpdesk.group_support_engineer"
        )
        cls.head = new_test_user(
            cls.env, login="cal-head", groups="konus_helpdesk.group_support_head"
        )
        cls.day = cls.env["konus.calendar.special.day"].create(
            {
                "calendar_id": cls.calendar.id,
                "date": date(2031, 5, 5),
                "kind": "transfer",
            }
        )

    def test_engineer_reads_but_cannot_edit(self):
        day = self.day.with_user(self.engineer)
        self.assertEqual(day.kind, "transfer")
        with self.assertRaises(AccessError):
            day.write({"kind": "holiday"})
        with self.assertRaises(AccessError):
            self.env["konus.calendar.special.day"].with_user(self.engineer).create(
                {"calendar_id": self.calendar.id, "date": date(2031, 5, 6)}
            )

    def test_head_edits(self):
        self.day.with_user(self.head).write({"kind": "holiday"})
        self.assertEqual(self.day.kind, "holiday")
        self.day.with_user(self.head).unlink()
        self.assertFalse(self.day.exists())

    def test_other_company_days_are_invisible(self):
        other = self.env["res.company"].create({"name": "Другая компания"})
        calendar = self.env["resource.calendar"].create(
            {"name": "Чужой календарь", "company_id": other.id}
        )
        foreign = self.env["konus.calendar.special.day"].create(
            {"calendar_id": calendar.id, "date": date(2031, 5, 5)}
        )
        Model = self.env["konus.calendar.special.day"].with_user(self.head)
        self.assertNotIn(foreign, Model.search([("date", "=", date(2031, 5, 5))]))
        with self.assertRaises(AccessError):
            foreign.with_user(self.head).read(["kind"])

    def test_portal_user_has_no_access(self):
        portal = new_test_user(self.env, login="cal-portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.day.with_user(portal).read(["kind"])
