# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, tagged

from .sla_common import ulan_ude
from .workflow_common import WorkflowDataMixin


@tagged("post_install", "-at_install")
@freeze_time(ulan_ude(2026, 11, 25, 10, 0))
class TestThirdParty(WorkflowDataMixin, TransactionCase):
    """§4.7: a third party is involved explicitly, only where the contract
    allows it, and receives only what the engineer chose."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()
        cls.vendor = cls.env["res.partner"].create(
            {"name": "ООО «Вендор»", "email": "support@vendor.example"}
        )

    def _attach(self, ticket, name):
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(b"data"),
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )

    def test_vendor_receives_only_what_was_chosen(self):
        ticket = self.new_ticket()
        chosen = self._attach(ticket, "журнал.log")
        private = self._attach(ticket, "пароли.txt")
        action = ticket.with_user(self.engineer).action_involve_third_party()
        form = self.open_wizard(action)
        form.partner_id = self.vendor
        form.body = "<p>Ошибка 1С при проведении, журнал во вложении.</p>"
        form.attachment_ids.add(chosen)
        form.save().action_send()

        self.assertEqual(ticket.third_party_partner_id, self.vendor)
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.vendor.ids)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.vendor)
        self.assertEqual(mail.attachment_ids, chosen)
        self.assertNotIn(private, mail.attachment_ids)
        self.assertIn("журнал во вложении", mail.body_html)
        self.assertNotIn("Реализация товаров", mail.body_html)  # not the ticket
        # No follower, no portal access.
        self.assertNotIn(self.vendor, ticket.message_partner_ids)
        self.assertFalse(self.vendor.user_ids)
        note = ticket.message_ids.filtered(
            lambda m: (
                m.subtype_id == self.env.ref("mail.mt_note")
                and "ООО «Вендор»" in m.body
            )
        )
        self.assertTrue(note)

    def test_refused_where_the_contract_forbids(self):
        ticket = self.new_ticket()
        action = ticket.with_user(self.engineer).action_involve_third_party()
        form = self.open_wizard(action)
        form.partner_id = self.vendor
        form.body = "<p>?</p>"
        wizard = form.save()
        self.contract_a.third_party_allowed = False
        with self.assertRaisesRegex(UserError, "ДТП-A-1"):
            wizard.action_send()
        with self.assertRaises(UserError):
            ticket.with_user(self.engineer).action_involve_third_party()
        self.assertFalse(ticket.third_party_partner_id)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", self.vendor.ids)])
        )

    def test_only_the_requests_files(self):
        ticket = self.new_ticket()
        other = self.new_ticket(name="Другое обращение")
        foreign = self._attach(other, "чужой.txt")
        wizard = (
            self.env["konus.third.party"]
            .with_user(self.engineer)
            .create(
                {
                    "ticket_id": ticket.id,
                    "partner_id": self.vendor.id,
                    "body": "<p>?</p>",
                    "attachment_ids": [(6, 0, foreign.ids)],
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_send()
