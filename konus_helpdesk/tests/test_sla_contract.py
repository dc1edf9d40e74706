# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestSlaContract(SlaCase):
    """§3.1 «если иное не оговорено отдельным условием договора»: a contract's
    own targets and its own calendar decide the deadlines of its tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls.env["konus.support.contract"].create(
            {
                "name": "ДТП-2027/001",
                "partner_id": cls.customer.id,
                "date_start": date(2020, 1, 1),
                "calendar_id": cls.calendar.id,
                "sla_target_ids": [
                    Command.create(
                        {
                            "incident_class": "critical",
                            "sla_type": "resolution",
                            "working_hours": 4,
                        }
                    )
                ],
            }
        )
        cls.target = cls.contract.sla_target_ids
        cls.stranger = cls.env["res.partner"].create({"name": "ИП Намсараев"})

    @freeze_time("2027-03-01 01:00:00")  # Monday 09:00 in Ulan-Ude
    def test_contract_targets_replace_the_regulation(self):
        ticket = self.new_ticket("critical", contract_id=self.contract.id)
        # A customer without a contract of its own.
        plain = self.new_ticket("critical", partner_id=self.stranger.id)
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.hours, 4.0)
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 1, 14, 0))
        # What the contract does not set stays the regulation's.
        self.assertEqual(self.clock(ticket, "response").hours, 1.0)
        self.assertEqual(self.clock(plain, "resolution").hours, 8.0)
        self.assertEqual(
            self.clock(plain, "resolution").deadline, ulan_ude(2027, 3, 2, 9, 0)
        )
        other = self.new_ticket("non_critical", contract_id=self.contract.id)
        self.assertEqual(self.clock(other, "resolution").hours, 40.0)

        # Editing the contract's target moves the open deadline.
        self.target.working_hours = 6
        self.assertEqual(resolution.hours, 6.0)
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 1, 16, 0))
        # A new target for the first response applies at once.
        self.contract.sla_target_ids = [
            Command.create(
                {
                    "incident_class": "critical",
                    "sla_type": "response",
                    "working_hours": 0.5,
                }
            )
        ]
        self.assertEqual(
            self.clock(ticket, "response").deadline, ulan_ude(2027, 3, 1, 9, 30)
        )
        # Removed targets give the regulation's back.
        self.contract.sla_target_ids.unlink()
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        self.assertEqual(
            self.clock(ticket, "response").deadline, ulan_ude(2027, 3, 1, 10, 0)
        )
        # Taking the ticket off the contract does the same.
        self.target = self.env["konus.support.contract.sla"].create(
            {
                "contract_id": self.contract.id,
                "incident_class": "critical",
                "sla_type": "resolution",
                "working_hours": 2,
            }
        )
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 1, 11, 0))
        ticket.contract_id = False
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))

    def test_target_constraints(self):
        with self.assertRaises(ValidationError):
            self.target.working_hours = 0
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["konus.support.contract.sla"].create(
                {
                    "contract_id": self.contract.id,
                    "incident_class": "critical",
                    "sla_type": "resolution",
                    "working_hours": 3,
                }
            )

    def test_target_access(self):
        engineer_env = self.env(user=self.engineer)
        self.assertEqual(
            engineer_env["konus.support.contract.sla"].search(
                [("contract_id", "=", self.contract.id)]
            ),
            self.target,
        )
        with self.assertRaises(AccessError):
            self.target.with_user(self.engineer).working_hours = 20
        head = new_test_user(
            self.env, login="sla-head", groups="konus_helpdesk.group_support_head"
        )
        self.target.with_user(head).working_hours = 5
        self.assertEqual(self.target.working_hours, 5)
        portal = new_test_user(self.env, login="sla-portal", groups="base.group_portal")
        portal.partner_id.parent_id = self.customer
        with self.assertRaises(AccessError):
            self.target.with_user(portal).read(["working_hours"])
        # Another company's users do not see the targets.
        other_company = self.env["res.company"].create({"name": "Другая компания"})
        stranger = new_test_user(
            self.env,
            login="sla-other-head",
            groups="konus_helpdesk.group_support_head",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        self.assertFalse(
            self.env["konus.support.contract.sla"]
            .with_user(stranger)
            .search([("contract_id", "=", self.contract.id)])
        )

    @freeze_time("2027-03-13 14:00:00")  # Saturday 22:00 in Ulan-Ude
    def test_contract_round_the_clock_calendar(self):
        contract = self.contract.copy(
            {"name": "СТП-24/7", "calendar_id": self.calendar_24_7.id}
        )
        ticket = self.new_ticket("critical", contract_id=contract.id)
        self.assertEqual(ticket.sla_calendar_id, self.calendar_24_7)
        # The copied contract keeps its 4 h target: Sunday 02:00.
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 3, 14, 2, 0)
        )
        self.assertEqual(
            self.clock(ticket, "response").deadline, ulan_ude(2027, 3, 13, 23, 0)
        )
        # The contract back on office hours: Monday 08:30 + 4 h.
        contract.calendar_id = self.calendar
        self.assertEqual(
            self.clock(ticket, "resolution").deadline, ulan_ude(2027, 3, 15, 13, 30)
        )


@tagged("post_install", "-at_install")
class TestSlaSpecialDays(SlaCase):
    """Special days of the calendar (working Saturdays, holidays, shortened
    days) move the deadlines of open tickets at once, in a batch."""

    def special_day(self, day, kind):
        return self.env["konus.calendar.special.day"].create(
            {"calendar_id": self.calendar.id, "date": day, "kind": kind}
        )

    def test_working_saturday(self):
        saturday = self.special_day(date(2027, 3, 13), "working_weekend")
        with freeze_time(ulan_ude(2027, 3, 12, 16, 45)):  # Friday afternoon
            ticket = self.new_ticket("critical")
        response = self.clock(ticket, "response")
        resolution = self.clock(ticket, "resolution")
        # 15 min on Friday, the rest on the working Saturday (Monday's hours).
        self.assertEqual(response.deadline, ulan_ude(2027, 3, 13, 8, 45))
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 13, 16, 45))
        # The decree withdrawn: the deadlines go to Monday.
        saturday.unlink()
        self.assertEqual(response.deadline, ulan_ude(2027, 3, 15, 8, 45))
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 15, 16, 45))

    @freeze_time("2027-03-01 01:00:00")  # Monday 09:00
    def test_edited_holiday_moves_open_deadline(self):
        ticket = self.new_ticket("critical")
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        holiday = self.special_day(date(2027, 3, 2), "holiday")
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
        holiday.date = date(2027, 3, 3)
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        holiday.date = date(2027, 3, 2)
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
        holiday.unlink()
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))
        # A shortened Monday ends at 16:30: one more hour on Tuesday.
        shortened = self.special_day(date(2027, 3, 1), "shortened")
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 10, 0))
        shortened.kind = "regional"
        self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 17, 30))

    def test_special_day_recompute_is_batched(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
            self.new_ticket("non_critical")
            resolution = self.clock(ticket, "resolution")

            def edit():
                # Tuesday off and back: every open deadline moves twice.
                self.env.invalidate_all()
                special = self.special_day(date(2027, 3, 2), "holiday")
                self.env.flush_all()
                self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 3, 9, 0))
                special.unlink()
                self.env.flush_all()
                self.assertEqual(resolution.deadline, ulan_ude(2027, 3, 2, 9, 0))

            edit()
            before = self.env.cr.sql_log_count
            edit()
            few = self.env.cr.sql_log_count - before
            for _i in range(15):
                self.new_ticket("critical")
                self.new_ticket("non_critical")
            self.env.flush_all()
            edit()
            with self.assertQueryCount(few):
                edit()
