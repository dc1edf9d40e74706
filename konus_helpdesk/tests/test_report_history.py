# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestReportHistory(SlaCase):
    """A 2024 request counted on 2024's production calendar: Thursday 22
    February 2024 is a shortened pre-holiday day (until 16:30), Friday 23
    February a holiday. Filed on the 22nd at 15:00, answered on Monday the
    26th at 09:30: 1.5 h + 1 h = 2.5 working hours (3.5 h without the
    production calendar)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar.konus_holiday_policy = "ru"

    def _answered_request(self):
        with freeze_time(ulan_ude(2024, 2, 22, 15, 0)):
            ticket = self.new_ticket("non_critical")
        with freeze_time(ulan_ude(2024, 2, 26, 9, 30)):
            ticket.with_user(self.engineer).message_post(
                body="Приняли в работу",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return ticket

    @freeze_time("2024-02-01 02:00:00")
    def test_head_syncs_a_past_year_range(self):
        """The head of support syncs the years chosen on the calendar."""
        self.calendar.write({"konus_sync_year_from": 2024, "konus_sync_year_to": 2024})
        self.calendar.action_konus_sync_year_range()
        days = self.calendar.konus_special_day_ids
        self.assertEqual(set(days.mapped("year")), {2024})
        self.assertEqual(
            days.filtered(lambda d: d.date == date(2024, 2, 23)).kind, "holiday"
        )
        ticket = self._answered_request()
        self.assertAlmostEqual(self.clock(ticket, "response").worked_hours, 2.5)
        self.calendar.konus_sync_year_from = 1980
        with self.assertRaises(UserError):
            self.calendar.action_konus_sync_year_range()

    @freeze_time("2026-11-27 02:00:00")
    def test_yearly_sync_covers_the_oldest_request(self):
        """Requests imported with 2024 dates: the yearly sync (run in 2026)
        covers 2024, and their working hours are those of 2024's calendar."""
        self.assertEqual(list(self.calendar._konus_sync_years()), [2025, 2026, 2027])
        ticket = self.new_ticket("non_critical")
        ticket.flush_recordset()
        # An import keeps the old registration date.
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
            (ulan_ude(2024, 2, 22, 15, 0), ticket.id),
        )
        ticket.invalidate_recordset(["create_date"])
        self.assertEqual(
            list(self.calendar._konus_sync_years()), [2024, 2025, 2026, 2027]
        )
        self.env["resource.calendar"]._cron_konus_sync_special_days()
        self.assertIn(2024, self.calendar.konus_special_day_ids.mapped("year"))
        worked = self.calendar._konus_work_hours_batch(
            {"x": (ulan_ude(2024, 2, 22, 15, 0), ulan_ude(2024, 2, 26, 9, 30))}
        )
        self.assertAlmostEqual(worked["x"], 2.5)
        self.assertEqual(fields.Date.today(), date(2026, 11, 27))
