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
        cls.product = cls.env["konus.supported.product"].create(
            {"name": "Склад 1С", "partner_id": cls.customer.id}
        )
        cls.support_type = cls.env.ref("konus_helpdesk.support_type_consultation")
        cls.contract = cls.env["konus.support.contract"].create(
            {
                "name": "СМОУК-1",
                "partner_id": cls.customer.id,
                "date_start": "2000-01-01",
                "product_ids": [(6, 0, cls.product.ids)],
                "support_type_ids": [(6, 0, cls.support_type.ids)],
            }
        )

    def test_portal_user_files_ticket(self):
        self.authenticate("portal-smoke", "portal-smoke")
        page = self.url_open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Не открывается отчёт",
                "contract_id": str(self.contract.id),
                "supported_product_id": str(self.product.id),
                "support_type_id": str(self.support_type.id),
                "incident_class": "consultation",
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
