# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from odoo.addons.konus_helpdesk.tools.working_time import WorkingTime

from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestWorkingTime(SlaCase):
    """The pure interval walk equals resource.calendar.plan_hours."""

    def test_pure_plan_and_duration(self):
        day = datetime(2027, 3, 1)
        wt = WorkingTime(
            [
                (day.replace(hour=1), day.replace(hour=4)),
                (day.replace(hour=5), day.replace(hour=9)),
            ]
        )
        hour = timedelta(hours=1)
        # Before the first interval: counted from its start.
        self.assertEqual(wt.plan(day, 2 * hour), day.replace(hour=3))
        # Exactly the end of an interval stays there (plan_hours does so).
        self.assertEqual(wt.plan(day, 3 * hour), day.replace(hour=4))
        # Crossing the gap (lunch).
        self.assertEqual(wt.plan(day.replace(hour=3), 2 * hour), day.replace(hour=6))
        # Zero hours in a gap: the next working moment.
        self.assertEqual(
            wt.plan(day.replace(hour=4, minute=30), 0 * hour), day.replace(hour=5)
        )
        self.assertIsNone(wt.plan(day, 8 * hour))
        self.assertEqual(wt.duration(day, day.replace(hour=23)), 7 * hour)
        self.assertEqual(
            wt.duration(day.replace(hour=3), day.replace(hour=6)), 2 * hour
        )
        self.assertEqual(
            wt.duration(day.replace(hour=6), day.replace(hour=3)), 0 * hour
        )

    def test_equals_plan_hours(self):
        # A shortened pre-holiday day and a holiday block.
        self.holiday((2027, 2, 22, 16, 30), (2027, 2, 22, 17, 30), name="Short day")
        self.holiday((2027, 2, 23, 0, 0), (2027, 2, 23, 23, 59, 59), name="23 Feb")
        self.holiday((2027, 1, 1, 0, 0), (2027, 1, 11, 23, 59, 59), name="New Year")
        starts = [
            ulan_ude(2026, 12, 31, 16, 45),
            ulan_ude(2027, 2, 22, 9, 0),
            ulan_ude(2027, 2, 22, 12, 30),  # lunch
            ulan_ude(2027, 2, 22, 16, 45),  # inside the shortened hour
            ulan_ude(2027, 2, 20, 10, 0),  # Saturday
            ulan_ude(2027, 2, 24, 7, 0),  # before opening
        ]
        targets = [0, 0.25, 1, 3.5, 4, 6.5, 7.25, 8, 24, 40]
        for calendar in (self.calendar, self.calendar_24_7):
            requests = {
                (start, target): (start, timedelta(hours=target))
                for start in starts
                for target in targets
            }
            ours = calendar._konus_plan_hours_batch(requests)
            self.assertEqual(ours.keys(), requests.keys())
            for (start, target), moment in ours.items():
                duration = requests[start, target][1]
                expected = calendar.plan_hours(
                    duration.total_seconds() / 3600, start, compute_leaves=True
                )
                self.assertAlmostEqual(
                    moment,
                    expected,
                    delta=timedelta(seconds=1),
                    msg=(calendar.name, start, duration),
                )


@tagged("post_install", "-at_install")
class TestSlaClock(SlaCase):
    @freeze_time("2026-12-31 08:45:00")  # Thursday 16:45 in Ulan-Ude
    def test_critical_before_new_year_holidays(self):
        """Filed 45 minutes before closing on the last working day of the
        year, with 1–11 January off: both clocks move to 12 January."""
        self.holiday((2027, 1, 1, 0, 0), (2027, 1, 11, 23, 59, 59))
        ticket = self.new_ticket("critical")
        self.assertEqual(len(ticket.ticket_sla_ids), 2)
        self.assertEqual(
            self.clock(ticket, "response").deadline, ulan_ude(2027, 1, 12, 8, 45)
        )
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 1, 12, 16, 45)
        )
        self.assertEqual(ticket.sla_deadline, ulan_ude(2027, 1, 12, 8, 45))
        self.env["res.lang"]._activate_lang("ru_RU")
        self.assertEqual(
            ticket.with_context(lang="ru_RU").sla_deadline_local,
            "12.01.2027, 08:45 Asia/Irkutsk",
        )

    def test_paused_over_weekend(self):
        """§4.5: waiting for the customer from Friday to Monday does not
        count; the clock resumes with the hours already used."""
        with freeze_time(ulan_ude(2027, 3, 12, 10, 0)):  # Friday
            ticket = self.new_ticket("non_critical")
            response = self.clock(ticket, "response")
            resolution = self.clock(ticket, "resolution")
            self.assertEqual(response.deadline, ulan_ude(2027, 3, 12, 15, 0))
        with freeze_time(ulan_ude(2027, 3, 12, 10, 30)):
            # A note is no response; a public reply of the engineer is.
            ticket.with_user(self.engineer).message_post(
                body="Проверяем журнал", subtype_xmlid="mail.mt_note"
            )
            self.assertFalse(ticket.first_response_date)
            ticket.with_user(self.engineer).message_post(
                body="Пришлите, пожалуйста, номер лицензии",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            self.assertEqual(ticket.first_response_date, ulan_ude(2027, 3, 12, 10, 30))
            self.assertEqual(response.state, "accomplished")
        with freeze_time(ulan_ude(2027, 3, 12, 11, 0)):
            ticket.stage_id = self.stage_waiting
            self.assertEqual(resolution.state, "on_hold")
            self.assertAlmostEqual(resolution.consumed_time, 1.0)
            self.assertFalse(resolution.deadline)
        with freeze_time(ulan_ude(2027, 3, 15, 14, 0)):  # Monday
            resolution.invalidate_recordset(["remaining_hours"])
            self.assertAlmostEqual(resolution.remaining_hours, 39.0)
            ticket.stage_id = self.stage_progress
            self.assertEqual(resolution.state, "in_progress")
            # 3.5 h on Monday, 4 × 8 h, 3.5 h the next Monday morning.
            self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 22, 12, 0))
        with freeze_time(ulan_ude(2027, 3, 16, 9, 0)):
            ticket.stage_id = self.stage_done
            self.assertEqual(resolution.state, "accomplished")
            self.assertAlmostEqual(resolution.consumed_time, 1.0 + 3.5 + 0.5)

    @freeze_time("2027-02-22 01:00:00")  # Monday 09:00 in Ulan-Ude
    def test_shortened_day(self):
        """The pre-holiday day ends at 16:30 (Labour Code art. 95)."""
        self.holiday((2027, 2, 22, 16, 30), (2027, 2, 22, 17, 30), name="Short day")
        self.holiday((2027, 2, 23, 0, 0), (2027, 2, 23, 23, 59, 59), name="23 Feb")
        ticket = self.new_ticket("critical")
        # 3 h + 3.5 h on Monday, the holiday, 1.5 h on Wednesday.
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 2, 24, 10, 0)
        )

    @freeze_time("2027-03-13 14:00:00")  # Saturday 22:00 in Ulan-Ude
    def test_round_the_clock_calendar(self):
        team = self.team.copy(
            {"name": "24/7", "resource_calendar_id": self.calendar_24_7.id}
        )
        self.slas.write({"team_ids": [Command.link(team.id)]})
        ticket = self.new_ticket("critical", team_id=team.id)
        self.assertEqual(ticket.sla_calendar_id, self.calendar_24_7)
        self.assertEqual(
            self.clock(ticket, "response").deadline, ulan_ude(2027, 3, 13, 23, 0)
        )
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 3, 14, 6, 0)
        )
        # Moving the ticket to the office team moves its clocks.
        ticket.team_id = self.team
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 3, 15, 17, 30)
        )

    @freeze_time("2027-03-01 01:00:00")  # Monday 09:00
    def test_holiday_edit_moves_open_deadline(self):
        ticket = self.new_ticket("critical")
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        holiday = self.holiday((2027, 3, 2, 0, 0), (2027, 3, 2, 23, 59, 59))
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
        holiday.write(
            {
                "date_from": ulan_ude(2027, 3, 4, 0, 0),
                "date_to": ulan_ude(2027, 3, 4, 23, 59, 59),
            }
        )
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        holiday.write(
            {
                "date_from": ulan_ude(2027, 3, 2, 0, 0),
                "date_to": ulan_ude(2027, 3, 2, 23, 59, 59),
            }
        )
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
        holiday.unlink()
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        # Working hours of Monday changed: it now ends at 16:30.
        self.calendar.attendance_ids.filtered(
            lambda a: a.dayofweek == "0" and a.hour_to == 17.5
        ).hour_to = 16.5
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 10, 0))
        # A met target keeps its record.
        ticket.stage_id = self.stage_done
        self.holiday((2027, 3, 2, 0, 0), (2027, 3, 2, 23, 59, 59))
        self.assertEqual(resolution.state, "accomplished")

    @freeze_time("2027-03-01 01:00:00")
    def test_target_change_and_reclassification(self):
        """Targets follow the SLA record and the incident class; the time
        already used counts for the new target."""
        ticket = self.new_ticket("non_critical")
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.hours, 40.0)
        resolution.sla_id.working_hours = 16
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
        with freeze_time(ulan_ude(2027, 3, 1, 11, 0)):
            ticket.incident_class = "critical"
        new_resolution = self.clock(ticket, "resolution")
        self.assertEqual(new_resolution.sla_id.incident_class, "critical")
        self.assertEqual(new_resolution.running_since, ulan_ude(2027, 3, 1, 9, 0))
        self.assertEqual(new_resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        self.assertFalse(resolution.exists())

    def test_reopen_resumes(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
            resolution = self.clock(ticket, "resolution")
        with freeze_time(ulan_ude(2027, 3, 1, 11, 0)):
            ticket.stage_id = self.stage_done
            self.assertEqual(resolution.state, "accomplished")
            self.assertEqual(resolution.done_date, ulan_ude(2027, 3, 1, 11, 0))
        with freeze_time(ulan_ude(2027, 3, 2, 9, 0)):
            ticket.stage_id = self.stage_progress
            self.assertEqual(resolution.state, "in_progress")
            # 2 h used; 6 h from Tuesday 09:00.
            self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 16, 0))

    def test_batch_recompute_queries_do_not_grow(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            self.new_ticket("critical")

            def recompute():
                self.env.invalidate_all()
                self.calendar._konus_recompute_sla_deadlines()

            recompute()
            before = self.env.cr.sql_log_count
            recompute()
            few = self.env.cr.sql_log_count - before
            for _i in range(30):
                self.new_ticket("critical")
            self.env.flush_all()
            recompute()
            with self.assertQueryCount(few):
                recompute()
            self.assertEqual(
                len(
                    self.env["helpdesk.ticket.sla"].search(
                        [
                            ("calendar_id", "=", self.calendar.id),
                            ("state", "=", "in_progress"),
                        ]
                    )
                ),
                62,
            )
