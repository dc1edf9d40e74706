# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin, load_russian

PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestRegulationPublish(KonusSupportDataMixin, TransactionCase):
    """§2.3: publishing a version makes it the current one and tells the
    contacts of every customer with an active contract, in their language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        load_russian(cls.env, ("mail", "konus_helpdesk"))
        cls.contact_a.lang = "ru_RU"
        cls.contact_b.lang = "en_US"
        cls.contract_a.contact_ids = cls.contact_a
        # Customer B's contract names no contact: its people with an e-mail.
        cls.contact_b_silent = cls.env["res.partner"].create(
            {"name": "Без почты", "parent_id": cls.customer_b.id}
        )
        customer_c, cls.contact_c, _user = cls._make_customer(
            "ООО «Бывший клиент»", "Бывший Клиент", "portal-c"
        )
        product_c = cls.env["konus.supported.product"].create(
            {"name": "Старый продукт", "partner_id": customer_c.id}
        )
        cls._make_contract(
            "ДТП-C-OLD",
            customer_c,
            product_c,
            cls.type_consultation,
            date_start=date(2020, 1, 1),
            date_end=date(2021, 12, 31),
        )
        cls.Regulation = cls.env["konus.regulation"]
        cls.shipped = cls.env.ref("konus_helpdesk.regulation_current")

    def _draft(self, name, **values):
        return self.Regulation.create(
            {
                "name": name,
                "date_effective": date(2027, 1, 1),
                "body": "<p>Новая редакция</p>",
                **values,
            }
        )

    def _mails(self, regulation):
        return self.env["mail.mail"].search(
            [("model", "=", "konus.regulation"), ("res_id", "=", regulation.id)]
        )

    def test_shipped_regulation_is_current(self):
        self.assertEqual(self.shipped.state, "published")
        self.assertIn("<h3>4. Порядок обращения", self.shipped.body)
        self.assertIn("support@konus.group", self.shipped.body)
        self.assertIn("<li>", self.shipped.body)

    def test_shipped_regulation_invents_no_version_or_date(self):
        """The shipped text carries neither a version number nor a date: the
        record says so, and the head of support enters the date."""
        self.assertFalse(re.search(r"\b(19|20)\d\d\b", self.shipped.body))
        self.assertEqual(self.shipped.name, "без номера")
        self.assertFalse(self.shipped.date_effective)

    def test_no_publication_without_effective_date(self):
        regulation = self._draft("2.0", date_effective=False)
        with self.assertRaises(UserError):
            regulation.with_user(self.head).action_publish()
        self.assertEqual(regulation.state, "draft")
        self.assertEqual(self.shipped.state, "published")
        self.assertFalse(self._mails(regulation))

    def test_publish_archives_previous_and_notifies(self):
        regulation = self._draft("2.0")
        regulation.with_user(self.head).action_publish()
        self.assertEqual(regulation.state, "published")
        self.assertEqual(self.shipped.state, "archived")
        mails = self._mails(regulation)
        self.assertEqual(mails.recipient_ids, self.contact_a | self.contact_b)
        self.assertEqual(regulation.notified_count, 2)
        self.assertTrue(all(len(mail.recipient_ids) == 1 for mail in mails))
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        russian = mails.filtered(lambda m: m.recipient_ids == self.contact_a)
        english = mails - russian
        self.assertEqual(
            russian.subject, "Регламент технической поддержки «Конус»: редакция 2.0"
        )
        self.assertIn("опубликовала новую редакцию", russian.body_html)
        self.assertIn("01.01.2027", russian.body_html)
        self.assertIn("/my/regulation", russian.body_html)
        self.assertEqual(
            english.subject, "Konus technical support regulation: version 2.0"
        )
        self.assertIn("has published a new version", english.body_html)
        # Never a customer whose contract has ended.
        self.assertNotIn(self.contact_c, mails.recipient_ids)

    def test_only_a_draft_is_published(self):
        with self.assertRaises(UserError):
            self.shipped.action_publish()
        self.assertFalse(self._mails(self.shipped))

    def test_engineer_cannot_publish(self):
        regulation = self._draft("2.0")
        with self.assertRaises(AccessError):
            regulation.with_user(self.engineer).action_publish()

    def test_queries_do_not_grow_with_contacts(self):
        def publish(name):
            regulation = self._draft(name)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            regulation.action_publish()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, regulation

        def add_contacts(count):
            self.contract_a.contact_ids |= self.env["res.partner"].create(
                [
                    {
                        "name": f"Сотрудник {i}",
                        "email": f"person{i}@selenga.example",
                        "parent_id": self.customer_a.id,
                        "lang": "ru_RU",
                    }
                    for i in range(count)
                ]
            )

        publish("2.0")  # warm-up: templates, caches
        add_contacts(5)
        few, regulation_few = publish("3.0")
        add_contacts(45)
        many, regulation_many = publish("4.0")
        self.assertEqual(len(self._mails(regulation_few)), 5 + 2)
        self.assertEqual(len(self._mails(regulation_many)), 50 + 2)
        self.assertEqual(many, few)

    def test_portal_reads_published_versions_only(self):
        draft = self._draft("2.0-draft")
        other_company = self.env["res.company"].create({"name": "Конус-Чита"})
        foreign = self._draft("Чита-1", company_id=other_company.id)
        foreign.action_publish()
        Regulation = self.Regulation.with_user(self.portal_a)
        self.assertEqual(Regulation.search([]), self.shipped)
        for hidden in (draft, foreign):
            with self.assertRaises(AccessError):
                hidden.with_user(self.portal_a).read(["body"])
        with self.assertRaises(AccessError):
            Regulation.create({"name": "X", "date_effective": date(2027, 1, 1)})


@tagged("post_install", "-at_install")
class TestRegulationPortal(KonusSupportDataMixin, HttpCase):
    """§2.3 in the portal: /my/regulation, by real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.shipped = cls.env.ref("konus_helpdesk.regulation_current")
        cls.current = cls.env["konus.regulation"].create(
            {
                "name": "2.0",
                "date_effective": date(2027, 1, 1),
                "body": "<p>Текст второй редакции</p>",
                "pdf_file": PDF,
                "pdf_filename": "reglament-2.0.pdf",
            }
        )
        cls.current.action_publish()
        cls.draft = cls.env["konus.regulation"].create(
            {
                "name": "3.0-черновик",
                "date_effective": date(2028, 1, 1),
                "body": "<p>Черновик</p>",
                "pdf_file": PDF,
            }
        )

    def test_current_version_and_previous_ones(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open("/my/regulation")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Текст второй редакции", page.text)
        self.assertIn(f'href="/my/regulation/{self.current.id}/pdf"', page.text)
        self.assertIn(f'href="/my/regulation/{self.shipped.id}"', page.text)
        self.assertNotIn("3.0-черновик", page.text)
        self.assertIn("Effective from", page.text)
        previous = self.url_open(f"/my/regulation/{self.shipped.id}")
        self.assertIn("Порядок обращения за технической поддержкой", previous.text)
        # The shipped version has no date: none is shown, none invented.
        self.assertNotIn("Effective from", previous.text)
        pdf = self.url_open(f"/my/regulation/{self.current.id}/pdf")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertTrue(pdf.content.startswith(b"%PDF"))
        home = self.url_open("/my/home")
        self.assertIn('href="/my/regulation"', home.text)

    def test_draft_is_not_shown(self):
        self.authenticate("portal-a", "portal-a")
        with mute_logger("odoo.http"):
            page = self.url_open(f"/my/regulation/{self.draft.id}")
            pdf = self.url_open(f"/my/regulation/{self.draft.id}/pdf")
        self.assertEqual(page.status_code, 404)
        self.assertEqual(pdf.status_code, 404)

    def test_requires_login(self):
        response = self.url_open("/my/regulation", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
