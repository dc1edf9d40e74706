# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import TransactionCase, freeze_time, tagged

from .common import KonusSupportDataMixin

# A 1×1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestIdentificationDepends(KonusSupportDataMixin, TransactionCase):
    """The stored identification state follows every fact it is computed
    from (``_identification_facts``), whichever record the fact lives on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()

    def assertState(self, ticket, state):
        self.assertEqual(ticket.identification_state, state)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.identification_state, state, "stored stale")

    def test_the_ticket_own_fields(self):
        ticket = self.env["helpdesk.ticket"].create(self._identified_ticket_values())
        self.assertState(ticket, "identified")
        ticket.supported_product_id = False
        self.assertState(ticket, "incomplete")
        ticket.supported_product_id = self.product_a
        ticket.steps_to_reproduce = " "
        self.assertState(ticket, "incomplete")
        ticket.incident_class = "consultation"  # nothing to reproduce
        self.assertState(ticket, "identified")
        ticket.description = "<p>?</p>"
        self.assertState(ticket, "incomplete")
        ticket.description = "<p>Реализация товаров не проводится</p>"
        self.assertState(ticket, "identified")
        ticket.contract_id = False
        self.assertState(ticket, "incomplete")
        ticket.write(
            {
                "supported_product_id": False,
                "partner_id": self.env["res.partner"].create({"name": "Прохожий"}).id,
            }
        )
        self.assertState(ticket, "unidentified")
        ticket.partner_email = "passer-by@nowhere.example"
        self.assertState(ticket, "unidentified")  # no organisation

    def test_the_attachments(self):
        ticket = self.env["helpdesk.ticket"].create(self._identified_ticket_values())
        self.assertIn("screenshot", ticket.missing_info)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "error.txt",
                "raw": b"not an image",
                "res_model": ticket._name,
                "res_id": ticket.id,
            }
        )
        self.assertIn("screenshot", ticket.missing_info)
        attachment.write({"name": "error.png", "raw": PIXEL, "mimetype": "image/png"})
        self.assertNotIn("screenshot", ticket.missing_info)

    def test_the_contact_and_the_organisation(self):
        """Without a contract, the organisation and its person identify the
        request (§1): each of their fields counts."""
        ticket = self.env["helpdesk.ticket"].create(
            self._identified_ticket_values(contract_id=False)
        )
        self.assertState(ticket, "incomplete")
        # The organisation flag of the customer (not of the person).
        self.customer_a.is_company = False
        self.assertState(ticket, "unidentified")
        self.customer_a.is_company = True
        self.assertState(ticket, "incomplete")
        # The person's contact details.
        self.contact_a.email = False
        self.assertState(ticket, "unidentified")
        self.contact_a.phone = "+7 3012 43 72 33"
        self.assertState(ticket, "incomplete")
        # The person's organisation.
        self.contact_a.parent_id = False
        self.assertState(ticket, "unidentified")
        self.contact_a.parent_id = self.customer_a
        self.assertState(ticket, "incomplete")
        # A person, not an organisation, writes.
        self.contact_a.is_company = True
        self.assertState(ticket, "unidentified")
