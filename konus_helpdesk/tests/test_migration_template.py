# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.modules.module import load_script
from odoo.tests import TransactionCase, tagged

from .common import load_russian

MIGRATION = "konus_helpdesk/migrations/19.0.1.1.0/post-migrate.py"
CUSTOMISED = "<div><p>Здравствуйте! Напишите номер договора, пожалуйста.</p></div>"


@tagged("post_install", "-at_install")
class TestMigrationTemplate(TransactionCase):
    """19.0.1.1.0: the identification request's new text replaces the one
    shipped before, per language, never a text the customer changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env)
        cls.migration = load_script(MIGRATION, "konus_helpdesk_migrate_19_0_1_1_0")
        cls.template = cls.env.ref(
            "konus_helpdesk.mail_template_identification_request"
        )

    def _set_previous(self, bodies, lang=None):
        """The record as a database of 19.0.1.0.0 holds it."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_template SET body_html = %s::jsonb, lang = %s WHERE id = %s",
            [
                json.dumps(bodies),
                lang or self.migration.SHIPPED_LANG,
                self.template.id,
            ],
        )
        self.template.invalidate_recordset()

    def _body(self, lang):
        return self.template.with_context(lang=lang).body_html

    def test_customised_russian_kept_shipped_english_replaced(self):
        shipped = self.migration.SHIPPED_BODIES
        self._set_previous({"en_US": shipped["en_US"], "ru_RU": CUSTOMISED})
        self.template.with_context(lang="en_US").subject = "Our own subject"
        self.migration.reset_shipped_identification_request(self.env)
        self.assertIn("object.missing_info_html", self._body("en_US"))
        self.assertNotIn("object.missing_info or", self._body("en_US"))
        self.assertEqual(self._body("ru_RU"), CUSTOMISED)
        self.assertEqual(self.template.lang, "{{ object.customer_lang }}")
        self.assertEqual(
            self.template.with_context(lang="en_US").subject, "Our own subject"
        )

    def test_shipped_russian_replaced_customised_english_kept(self):
        shipped = self.migration.SHIPPED_BODIES
        # Shipped text, laid out anew by an editor: still the shipped text.
        russian = shipped["ru_RU"].replace("\n", " ")
        english = "<div><p>Please give your contract number.</p></div>"
        self._set_previous({"en_US": english, "ru_RU": russian})
        self.migration.reset_shipped_identification_request(self.env)
        self.assertEqual(self._body("en_US"), english)
        self.assertIn("object.missing_info_html", self._body("ru_RU"))
        self.assertIn("Здравствуйте", self._body("ru_RU"))
        self.assertNotIn("object.missing_info or", self._body("ru_RU"))

    def test_all_customised_untouched(self):
        english = "<div><p>Please give your contract number.</p></div>"
        self._set_previous(
            {"en_US": english, "ru_RU": CUSTOMISED}, lang="{{ object.lang }}"
        )
        self.migration.reset_shipped_identification_request(self.env)
        self.assertEqual(self._body("en_US"), english)
        self.assertEqual(self._body("ru_RU"), CUSTOMISED)
        self.assertEqual(self.template.lang, "{{ object.lang }}")
