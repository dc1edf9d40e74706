# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import HttpCase, tagged

from .workflow_common import WorkflowDataMixin


@tagged("post_install", "-at_install")
class TestPortalCustomerTours(WorkflowDataMixin, HttpCase):
    """A Russian-speaking customer in headless Chromium
    (static/tests/tours/konus_portal_customer_tours.js): files a request
    after a mistake, answers a request for information, re-registers a
    closed request, opens a contract and its product's documentation, reads
    the regulation. Each tour's steps look for the Russian texts; the
    records are checked here after it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workflow_data()
        # The users read the portal in Russian (the contacts are the users'
        # partners); customer B's records must never show to customer A.
        cls.document_guide = cls.env["konus.product.document"].create(
            {
                "name": "Руководство пользователя",
                "kind": "user_guide",
                "product_id": cls.product_a.id,
                "file": base64.b64encode(b"%PDF-1.4 guide"),
                "filename": "guide.pdf",
            }
        )
        cls.document_manual = cls.env["konus.product.document"].create(
            {
                "name": "Руководство по эксплуатации",
                "kind": "operating_manual",
                "product_id": cls.product_a.id,
                "url": "https://docs.konus.example/manual",
            }
        )
        cls.env["konus.product.document"].create(
            {
                "name": "Инструкция Б",
                "kind": "user_guide",
                "product_id": cls.product_b.id,
                "url": "https://docs.konus.example/b",
            }
        )

    def _tickets(self, partner=None):
        return self.env["helpdesk.ticket"].search(
            [("partner_id", "=", (partner or self.contact_a).id)]
        )

    def test_file_request_after_a_mistake(self):
        before = self._tickets()
        self.start_tour(
            "/new/ticket", "konus_portal_request_validation", login="portal-a"
        )
        ticket = self._tickets() - before
        self.assertEqual(len(ticket), 1, "one request, sent once")
        self.assertRecordValues(
            ticket,
            [
                {
                    "name": "Не проводится реализация — тур",
                    "contract_id": self.contract_a.id,
                    "supported_product_id": self.product_a.id,
                    "support_type_id": self.type_remote.id,
                    "incident_class": "non_critical",
                    "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
                    "doc_reference": "Руководство по эксплуатации",
                    "identification_state": "identified",
                }
            ],
        )
        self.assertTrue(ticket.number.startswith("HT"))

    def test_answer_request_for_information(self):
        ticket = self.new_ticket(name="Запрос информации (тур)")
        ticket.stage_id = self.stage_progress
        action = ticket.with_user(self.engineer).action_request_information()
        self.open_wizard(action).save().action_send()
        self.assertEqual(ticket.stage_id, self.stage_waiting)

        self.start_tour(
            f"/my/ticket/{ticket.id}",
            "konus_portal_answer_information",
            login="portal-a",
        )
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertFalse(ticket.waiting_for)
        answer = ticket.message_ids.filtered(
            lambda m: m.author_id == self.contact_a and "8.3.25" in m.body
        )
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.attachment_ids.mapped("name"), ["zhurnal-oshibki.log"])
        self.assertEqual(
            (answer.attachment_ids.res_model, answer.attachment_ids.res_id),
            ("helpdesk.ticket", ticket.id),
        )

    def test_reregister_closed_request(self):
        closed = self.new_ticket(name="Закрыт преждевременно (тур)")
        solved = self.team._get_applicable_stages().filtered(
            lambda s: s.closed and not s.declined
        )[:1]
        closed.stage_id = solved
        self.start_tour(
            f"/my/ticket/{closed.id}", "konus_portal_reregister", login="portal-a"
        )
        new = self.env["helpdesk.ticket"].search([("origin_ticket_id", "=", closed.id)])
        self.assertEqual(len(new), 1)
        self.assertEqual(new.partner_id, self.contact_a)
        self.assertEqual(new.contract_id, self.contract_a)
        self.assertFalse(new.closed)
        self.assertIn("Ошибка снова появляется после обновления", new.description)
        self.assertEqual(closed.stage_id, solved, "the closed request stays closed")

    def test_contract_and_product_documentation(self):
        before = self._tickets()
        self.start_tour("/my", "konus_portal_contract_documents", login="portal-a")
        self.assertEqual(self._tickets(), before, "reading changes nothing")
        self.assertEqual(self.contract_a.state, "active")

    def test_read_the_regulation(self):
        self.new_ticket(name="Запрос для тура")
        regulation = self.env["konus.regulation"].create(
            {
                "name": "9.9-тур",
                "date_effective": "2026-01-01",
                "body": "<p>Порядок оказания поддержки (тур)</p>",
                "company_id": self.env.company.id,
            }
        )
        regulation.action_publish()
        self.start_tour("/my", "konus_portal_regulation", login="portal-a")
        self.assertEqual(regulation.state, "published")
        self.assertEqual(
            self.env["konus.regulation"].search(
                [("state", "=", "published"), ("company_id", "=", self.env.company.id)]
            ),
            regulation,
        )
