# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, Form, TransactionCase, freeze_time, tagged

from odoo.addons.konus_helpdesk.tools.phone import dialled_forms, phone_digits

from .common import KonusSupportDataMixin


@tagged("post_install", "-at_install")
class TestPhoneNumbers(BaseCase):
    def test_digits(self):
        self.assertEqual(phone_digits("8 (3012) 43-72-33"), "3012437233")
        self.assertEqual(phone_digits("+7 301 243 72 33"), "3012437233")
        self.assertEqual(phone_digits("доб. 12"), "")
        self.assertEqual(phone_digits(None), "")

    def test_dialled_forms(self):
        self.assertEqual(
            dialled_forms("3012437233"), ["3012437233", "83012437233", "+73012437233"]
        )
        self.assertEqual(dialled_forms("437233"), ["437233"])


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestPhoneRequest(KonusSupportDataMixin, TransactionCase):
    """§4.1 by phone: an engineer registers the call in a few keystrokes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.contact_a.phone = "+7 (3012) 43-72-33"
        cls.contact_b.phone = "8 (3012) 55-11-00"
        cls.phone_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.Wizard = cls.env["konus.phone.request"].with_user(cls.engineer)

    def test_caller_by_phone_fills_organisation_contract_product(self):
        with Form(self.Wizard) as form:
            form.caller = "83012437233"
            self.assertEqual(form.partner_id, self.contact_a)
            self.assertEqual(form.commercial_partner_id, self.customer_a)
            self.assertEqual(form.contract_id, self.contract_a)
            self.assertEqual(form.supported_product_id, self.product_a)
            self.assertEqual(form.support_type_id, self.type_consultation)
            # The checklist says what is still to be asked.
            self.assertEqual(form.identification_state, "incomplete")
            self.assertIn("question", form.missing_info)
            form.name = "Не проводится реализация"
            form.description = "При проведении реализации выходит ошибка учёта"
            form.steps_to_reproduce = "Открыть реализацию, нажать «Провести»"
            self.assertEqual(form.identification_state, "identified")
        action = form.record.action_register()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.channel_id, self.phone_channel)
        self.assertEqual(ticket.partner_id, self.contact_a)
        self.assertEqual(ticket.contract_id, self.contract_a)
        self.assertEqual(ticket.supported_product_id, self.product_a)
        self.assertEqual(ticket.identification_state, "identified")
        self.assertEqual(ticket.create_uid, self.engineer)

    def test_caller_by_name(self):
        with Form(self.Wizard) as form:
            form.caller = "цыренов"
            self.assertEqual(form.partner_id, self.contact_b)
            self.assertEqual(form.contract_id, self.contract_b)

    def test_ambiguous_or_unknown_caller_chooses_nobody(self):
        self.env["res.partner"].create(
            {"name": "Цыренов Алдар", "phone": "+7 (3012) 99-00-11"}
        )
        with Form(self.Wizard) as form:
            form.caller = "Цыренов"
            self.assertEqual(len(form.caller_match_ids), 2)
            self.assertFalse(form.partner_id)
            form.caller = "+7 999 000 00 00"
            self.assertFalse(form.caller_match_ids)
            self.assertEqual(form.identification_state, "unidentified")

    def test_unidentified_call_is_still_registered(self):
        with Form(self.Wizard) as form:
            form.caller = "неизвестный"
            form.description = "Звонил мужчина, не представился, касса не работает"
        action = form.record.action_register()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.channel_id, self.phone_channel)
        self.assertEqual(ticket.identification_state, "unidentified")
        self.assertEqual(ticket.stage_id, ticket.team_id._get_applicable_stages()[:1])

    def test_only_the_callers_active_contracts(self):
        self.contract_a.date_end = "2026-11-01"  # expired
        with Form(self.Wizard) as form:
            form.caller = "43-72-33"
            self.assertEqual(form.partner_id, self.contact_a)
            self.assertFalse(form.contract_id)
            self.assertIn("contract", form.missing_info)

    def test_same_number_in_any_format(self):
        """The number the caller says is matched, whatever the separators,
        the trunk prefix 8 or the country code +7 on either side (what the
        digit matching of tools/phone did, now phone_validation's search)."""
        Wizard = self.env["konus.phone.request"]
        partner = self.env["res.partner"].create(
            {"name": "Номер без пробелов", "phone": "+73012437244"}
        )
        self.assertEqual(Wizard._find_callers("8(3012)43-72-44"), partner)
        self.assertEqual(Wizard._find_callers("8 301 243 72 44"), partner)
        self.assertEqual(Wizard._find_callers("72-44 43"), self.env["res.partner"])
        self.assertEqual(Wizard._find_callers("43-72-44"), partner)
        self.assertFalse(Wizard._find_callers("8(3012)43-72-45"))
        self.assertFalse(Wizard._find_callers(""))

    def test_caller_found_among_many_similar_numbers(self):
        """More than 50 partners whose numbers hold the same digits, sorted
        before the caller: the caller, said in another format than stored,
        is still the one found (a limit of 50 dropped them)."""
        self.env["res.partner"].create(
            [
                {
                    "name": f"Абашеев {index:02}",
                    "phone": f"+7 (3012) 43-72-33-{index:02}",
                }
                for index in range(60)
            ]
            + [
                {
                    "name": f"Абашеева {index:02}",
                    "phone": f"8 9{index:02} 301 243 72 33",
                }
                for index in range(60)
            ]
        )
        caller = self.env["res.partner"].create(
            {"name": "Яковлев Пётр", "phone": "8 (3012) 43-72-33"}
        )
        self.contact_a.phone = False
        with Form(self.Wizard) as form:
            form.caller = "+7 301 243 72 33"
            self.assertEqual(len(form.caller_match_ids), 1)
            self.assertIn(caller, form.caller_match_ids)
            self.assertEqual(form.partner_id, caller)
