# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .sla_common import SlaCase, local

MOSCOW = "Europe/Moscow"


@tagged("post_install", "-at_install")
class TestSlaLocalTime(SlaCase):
    """Local deadlines are shown on the wall clock of the ticket's calendar
    (§3.1: the contract's calendar when it has one), not of Ulan-Ude."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.moscow = cls.make_calendar(
            "Moscow (test)",
            [(day, 9.0, 13.0) for day in range(5)]
            + [(day, 14.0, 18.0) for day in range(5)],
        )
        cls.moscow.tz = MOSCOW
        cls.contract = cls.env["konus.support.contract"].create(
            {
                "name": "ДТП-МСК/001",
                "partner_id": cls.customer.id,
                "date_start": date(2020, 1, 1),
                "calendar_id": cls.moscow.id,
            }
        )

    def test_contract_calendar_zone(self):
        with freeze_time(local(MOSCOW, 2027, 3, 1, 9, 0)):  # Monday
            ticket = self.new_ticket("critical", contract_id=self.contract.id)
        response = self.clock(ticket, "response")
        self.assertEqual(ticket.sla_calendar_id, self.moscow)
        self.assertEqual(response.deadline, local(MOSCOW, 2027, 3, 1, 10, 0))
        self.assertEqual(response.calendar_tz, MOSCOW)
        self.assertEqual(
            response.with_context(lang="ru_RU").deadline_local,
            "01.03.2027, 10:00 Europe/Moscow",
        )
        self.assertEqual(
            ticket.with_context(lang="ru_RU").sla_deadline_local,
            "01.03.2027, 10:00 Europe/Moscow",
        )
        # the regulation's calendar, for a customer without a contract
        stranger = self.env["res.partner"].create({"name": "ИП Намсараев"})
        with freeze_time(local(MOSCOW, 2027, 3, 1, 9, 0)):  # 14:00 in Ulan-Ude
            plain = self.new_ticket("critical", partner_id=stranger.id)
        self.assertEqual(
            plain.with_context(lang="ru_RU").sla_deadline_local,
            "01.03.2027, 15:00 Asia/Irkutsk",
        )
        # the calendar moves to Samara time (UTC+4): the deadline is planned
        # and shown there
        self.moscow.tz = "Europe/Samara"
        self.assertEqual(
            ticket.with_context(lang="ru_RU").sla_deadline_local,
            "01.03.2027, 11:00 Europe/Samara",
        )

    def test_alert_names_the_calendar_time(self):
        self.engineer.lang = "ru_RU"
        with freeze_time(local(MOSCOW, 2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical", contract_id=self.contract.id)
        self.clock(ticket, "response")._notify_sla_event("at_risk")
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.engineer)
        self.assertIn("01.03.2027, 10:00 Europe/Moscow", str(activity.note))
