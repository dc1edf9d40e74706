# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from .sla_common import SlaCase, ulan_ude


@tagged("post_install", "-at_install")
class TestSupportHeads(SlaCase):
    """Who the heads of support are (§5.4 «руководитель»): one answer for
    the SLA alerts and the contract expiry warnings — the members of the
    group or of a group implying it, active internal users of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        head_group = cls.env.ref("konus_helpdesk.group_support_head")
        cls.director_group = cls.env["res.groups"].create(
            {"name": "Directors (test)", "implied_ids": [Command.link(head_group.id)]}
        )
        cls.director = new_test_user(cls.env, login="director-t", name="Директор")
        cls.director.group_ids = [Command.link(cls.director_group.id)]
        cls.head = new_test_user(
            cls.env, login="head-x", groups="konus_helpdesk.group_support_head"
        )
        cls.retired = new_test_user(
            cls.env, login="head-retired", groups="konus_helpdesk.group_support_head"
        )
        cls.retired.active = False
        other_company = cls.env["res.company"].create({"name": "Other (test)"})
        cls.foreign = new_test_user(
            cls.env,
            login="head-foreign",
            groups="konus_helpdesk.group_support_head",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )

    def test_heads_of_the_company(self):
        heads = self.env["res.users"]._konus_support_heads(self.env.company)
        self.assertIn(self.director, heads)  # through an implied group
        self.assertIn(self.head, heads)
        self.assertNotIn(self.retired, heads)
        self.assertNotIn(self.foreign, heads)
        self.assertFalse(heads.filtered("share"))

    def _activity_users(self, record, activity_type):
        return record.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).user_id

    def test_breach_alert_to_every_head(self):
        with freeze_time(ulan_ude(2027, 3, 1, 9, 0)):
            ticket = self.new_ticket("critical")
        with freeze_time(ulan_ude(2027, 3, 1, 10, 5)):
            self.env["helpdesk.ticket.sla"]._cron_sla_alerts()
        alerted = self._activity_users(
            ticket, self.env.ref("konus_helpdesk.mail_activity_type_sla_alert")
        )
        self.assertIn(self.director, alerted)
        self.assertIn(self.head, alerted)
        self.assertNotIn(self.foreign, alerted)

    def test_expiry_warning_to_the_same_heads(self):
        contract = self.env["konus.support.contract"].create(
            {
                "name": "HEADS-1",
                "partner_id": self.env["res.partner"]
                .create({"name": "ООО «Тест»", "is_company": True})
                .id,
                "date_start": date(2027, 1, 1),
                "date_end": date(2027, 3, 20),
            }
        )
        with freeze_time("2027-03-01 03:00:00"):
            self.env["konus.support.contract"]._cron_update_state()
        warned = self._activity_users(
            contract, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(
            warned, self.env["res.users"]._konus_support_heads(self.env.company)
        )
