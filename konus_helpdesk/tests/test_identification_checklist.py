# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from odoo.addons.konus_helpdesk.tools import identification as ident

COMPLETE = {
    "contract": True,
    "organisation": True,
    "product": True,
    "steps": True,
    "question": True,
}


@tagged("post_install", "-at_install")
class TestIdentificationChecklist(BaseCase):
    """The §4.4 checklist as a pure rule."""

    def test_complete_request_is_identified(self):
        result = ident.check(**COMPLETE, screenshot=True)
        self.assertEqual(result.state, ident.IDENTIFIED)
        self.assertEqual(result.missing, ())
        self.assertEqual(result.suggested, ())

    def test_screenshot_is_only_suggested(self):
        result = ident.check(**COMPLETE)
        self.assertEqual(result.state, ident.IDENTIFIED)
        self.assertEqual(result.missing, ())
        self.assertEqual(result.suggested, (ident.SCREENSHOT,))

    def test_missing_items_in_regulation_order(self):
        result = ident.check(
            **dict(COMPLETE, product=False, question=False, steps=False)
        )
        self.assertEqual(result.state, ident.INCOMPLETE)
        self.assertEqual(result.missing, (ident.PRODUCT, ident.STEPS, ident.QUESTION))

    def test_contract_alone_identifies_the_customer(self):
        result = ident.check(**dict(COMPLETE, organisation=False))
        self.assertEqual(result.state, ident.INCOMPLETE)
        self.assertEqual(result.missing, (ident.ORGANISATION,))

    def test_organisation_alone_identifies_the_customer(self):
        result = ident.check(**dict(COMPLETE, contract=False))
        self.assertEqual(result.state, ident.INCOMPLETE)
        self.assertEqual(result.missing, (ident.CONTRACT,))

    def test_nobody_known_is_unidentified(self):
        result = ident.check(**dict(COMPLETE, contract=False, organisation=False))
        self.assertEqual(result.state, ident.UNIDENTIFIED)
        self.assertEqual(result.missing, (ident.CONTRACT, ident.ORGANISATION))

    def test_consultation_needs_no_steps(self):
        result = ident.check(**dict(COMPLETE, steps=False), steps_required=False)
        self.assertEqual(result.state, ident.IDENTIFIED)

    def test_clear_question_floor(self):
        self.assertFalse(ident.is_clear_question(""))
        self.assertFalse(ident.is_clear_question("  help  me "))
        self.assertTrue(ident.is_clear_question("Не печатается счёт-фактура"))
