# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestSupportTypeCode(TransactionCase):
    """The code of a kind of support (§5.2) names one kind per company, the
    company-less shipped kinds included."""

    def create_type(self, code, company=None):
        return self.env["konus.support.type"].create(
            {"name": code, "code": code, "company_id": company and company.id}
        )

    def assert_duplicate(self, code, company=None):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.create_type(code, company)

    def test_shipped_codes_are_unique(self):
        shipped = self.env.ref("konus_helpdesk.support_type_consultation")
        self.assertFalse(shipped.company_id)
        self.assert_duplicate("consultation")

    def test_unique_per_company(self):
        company = self.env["res.company"].create({"name": "Конус-Сервис"})
        self.create_type("training", company)
        self.assert_duplicate("training", company)
        # the same code in another company, or for every company, is another
        # kind of support
        other = self.env["res.company"].create({"name": "Конус-Восток"})
        self.create_type("training", other)
        self.create_type("training")
        self.assert_duplicate("training")
