# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalSmoke(HttpCase):
    """A portal customer files a request through the real HTTP stack."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "ООО «Байкал-Сервис»", "is_company": True}
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="portal-smoke",
            groups="base.group_portal",
            name="Иванова Анна",
            email="anna@baikal-service.example",
        )
        cls.portal_user.partner_id.parent_id = cls.customer

    def test_portal_user_files_ticket(self):
        self.authenticate("portal-smoke", "portal-smoke")
        page = self.url_open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Не открывается отчёт",
                "description": "Отчёт по остаткам падает с ошибкой",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Не открывается отчёт")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.portal_user.partner_id)
        self.assertIn(f"/my/ticket/{ticket.id}", response.url)
        # The customer sees the ticket in the portal list.
        self.assertIn("Не открывается отчёт", self.url_open("/my/tickets").text)
