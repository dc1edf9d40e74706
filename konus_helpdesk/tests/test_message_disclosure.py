# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import KonusSupportDataMixin, load_russian


@tagged("post_install", "-at_install")
class TestMessageDisclosure(KonusSupportDataMixin, TransactionCase):
    """A refusal names only what its reader may read: an engineer of
    another company of the group learns nothing of company 1's contracts,
    products and customers from a constraint or a wizard — not even in
    debug mode, where Odoo's own access and company errors name records.
    (The portal form's and the mail gateway's refusals: see
    test_portal_request and test_mail_intake.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.company_2 = cls.env["res.company"].create({"name": "Конус-Чита"})
        cls.team_2 = cls.env["helpdesk.ticket.team"].create(
            {"name": "СТП Чита", "company_id": cls.company_2.id}
        )
        # In debug mode (technical features), where Odoo's errors name records.
        cls.engineer_2 = new_test_user(
            cls.env,
            login="engineer-chita",
            name="Инженер Читы",
            groups="konus_helpdesk.group_support_engineer,base.group_no_one",
            company_id=cls.company_2.id,
            company_ids=[cls.company_2.id],
        )
        cls.head_2 = new_test_user(
            cls.env,
            login="head-chita",
            name="Руководитель Читы",
            groups="konus_helpdesk.group_support_head,base.group_no_one",
            company_id=cls.company_2.id,
            company_ids=[cls.company_2.id],
        )
        cls.ticket_2 = cls.env["helpdesk.ticket"].create(
            {
                "name": "Не работает касса",
                "description": "<p>Касса не печатает чеки</p>",
                "team_id": cls.team_2.id,
                "partner_id": cls.contact_a.id,
            }
        )
        cls.secrets = (
            cls.contract_a.name,
            cls.customer_a.name,
            cls.product_a.name,
            cls.contract_b.name,
            cls.customer_b.name,
            cls.product_b.name,
        )

    def assertTellsNothing(self, error):
        message = str(error.exception)
        for secret in self.secrets:
            self.assertNotIn(secret, message)
        return message

    def test_ticket_in_company_2_refuses_company_1_records_namelessly(self):
        self.assertEqual(self.ticket_2.company_id, self.company_2)
        # Company 1's only contract of A is not proposed to company 2.
        self.assertFalse(self.ticket_2.contract_id)
        for user in (self.engineer_2, self.head_2):
            ticket = self.ticket_2.with_user(user).with_company(self.company_2)
            for values, words in (
                ({"contract_id": self.contract_a.id}, "contract"),
                ({"contract_id": self.contract_b.id}, "contract"),
                ({"supported_product_id": self.product_a.id}, "product"),
                ({"supported_product_id": self.product_b.id}, "product"),
            ):
                with (
                    self.subTest(user=user.login, values=values),
                    self.assertRaises(ValidationError) as error,
                ):
                    ticket.write(values)
                message = self.assertTellsNothing(error)
                self.assertIn(f"The chosen {words}", message)
        self.assertFalse(self.ticket_2.contract_id)
        self.assertFalse(self.ticket_2.supported_product_id)

    def test_message_in_russian(self):
        load_russian(self.env)
        ticket = self.ticket_2.with_user(self.engineer_2).with_context(lang="ru_RU")
        with self.assertRaises(ValidationError) as error:
            ticket.write({"contract_id": self.contract_a.id})
        self.assertIn("Выбранный договор", self.assertTellsNothing(error))
        with self.assertRaises(ValidationError) as error:
            ticket.write({"supported_product_id": self.product_a.id})
        self.assertIn("Выбранный продукт", self.assertTellsNothing(error))

    def test_same_company_names_what_the_engineer_may_read(self):
        """An engineer of company 1 reads both customers: the refusal names
        them, which helps him choose right."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Вопрос",
                "description": "<p>Вопрос</p>",
                "team_id": self.team.id,
                "partner_id": self.contact_a.id,
            }
        )
        with self.assertRaises(ValidationError) as error:
            ticket.with_user(self.engineer).write({"contract_id": self.contract_b.id})
        self.assertIn(self.contract_b.name, str(error.exception))
        self.assertIn(self.customer_b.name, str(error.exception))

    def test_phone_wizard_refuses_other_company_records(self):
        Wizard = (
            self.env["konus.phone.request"]
            .with_user(self.engineer_2)
            .with_company(self.company_2)
        )
        for values in (
            {"contract_id": self.contract_a.id},
            {"supported_product_id": self.product_a.id},
            {"team_id": self.team.id},
        ):
            with (
                self.subTest(values=values),
                self.assertRaises(ValidationError) as error,
            ):
                Wizard.create(
                    {
                        "partner_id": self.contact_a.id,
                        "team_id": self.team_2.id,
                        "description": "Не работает касса",
                        **values,
                    }
                )
            self.assertTellsNothing(error)
        # Nothing of company 1 is proposed either.
        wizard = Wizard.create(
            {
                "partner_id": self.contact_a.id,
                "team_id": self.team_2.id,
                "description": "Не работает касса",
            }
        )
        self.assertFalse(wizard.contract_id)
        self.assertFalse(wizard.supported_product_id)
        shown = str(
            wizard.web_read(
                {
                    "contract_id": {"fields": {"display_name": {}}},
                    "supported_product_id": {"fields": {"display_name": {}}},
                    "contract_product_ids": {"fields": {"display_name": {}}},
                }
            )
        )
        self.assertNotIn(self.contract_a.name, shown)
        self.assertNotIn(self.product_a.name, shown)
