# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import html
from datetime import date

from lxml import html as lxml_html

from odoo import http
from odoo.tests import BaseCase, HttpCase, new_test_user, tagged

from ..tools import portal_uploads
from .common import KonusSupportDataMixin, load_russian

# 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestPortalUploadRules(BaseCase):
    """The upload rules of the portal form, without the database."""

    def check(self, *uploads):
        return [
            (p.code, p.name)
            for p in portal_uploads.check([portal_uploads.Upload(*u) for u in uploads])
        ]

    def test_accepted_kinds(self):
        self.assertEqual(
            self.check(
                ("screen.PNG", 100, "image/png"),
                ("photo.jpeg", 100, "image/jpeg"),
                ("report.pdf", 100, "application/pdf"),
                ("1cv8.log", 100, "text/plain"),
                ("base.7z", 100, "application/x-7z-compressed"),
                ("act.docx", 100, "application/zip"),
            ),
            [],
        )

    def test_name_and_content_must_agree(self):
        self.assertEqual(
            self.check(
                ("page.png", 10, "text/html"),
                ("drawing.svg", 10, "image/svg+xml"),
                ("setup.exe", 10, "application/x-dosexec"),
                ("noextension", 10, "text/plain"),
            ),
            [
                ("type", "page.png"),
                ("type", "drawing.svg"),
                ("type", "setup.exe"),
                ("type", "noextension"),
            ],
        )

    def test_sizes_and_count(self):
        big = portal_uploads.MAX_FILE_SIZE
        self.assertEqual(self.check(("a.png", big, "image/png")), [])
        self.assertEqual(
            self.check(("a.png", big + 1, "image/png")),
            [("size", "a.png")],
        )
        self.assertEqual(
            self.check(*[(f"{i}.png", big, "image/png") for i in range(3)]),
            [("total", "")],
        )
        self.assertEqual(
            self.check(
                *[
                    (f"{i}.png", 1, "image/png")
                    for i in range(portal_uploads.MAX_FILES + 1)
                ]
            ),
            [("count", "")],
        )


class PortalRequestCase(KonusSupportDataMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.contract_a_expired = cls._make_contract(
            "ДТП-A-OLD",
            cls.customer_a,
            cls.product_a,
            cls.type_consultation,
            date_start=date(2020, 1, 1),
            date_end=date(2021, 12, 31),
        )
        cls.support_team = cls.env.ref("konus_helpdesk.team_konus_support")
        cls.Ticket = cls.env["helpdesk.ticket"]

    def _form(self, **values):
        return {
            "csrf_token": http.Request.csrf_token(self),
            "contract_id": str(self.contract_a.id),
            "supported_product_id": str(self.product_a.id),
            "support_type_id": str(self.type_remote.id),
            "incident_class": "non_critical",
            "subject": "Не проводится реализация",
            "description": "Документ реализации не проводится: ошибка учёта",
            "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
            "doc_reference": "Руководство пользователя, раздел 4.2",
            **values,
        }

    def _post(self, files=None, **values):
        return self.url_open(
            "/submitted/ticket", data=self._form(**values), files=files
        )

    def _tickets(self):
        return self.Ticket.search([("partner_id", "=", self.contact_a.id)])


@tagged("post_install", "-at_install")
class TestPortalRequest(PortalRequestCase):
    """The §4.4 request form, through real HTTP as the customers' portal users."""

    def setUp(self):
        super().setUp()
        self.authenticate("portal-a", "portal-a")

    def test_form_offers_only_own_active_contracts(self):
        page = self.url_open("/new/ticket")
        self.assertEqual(page.status_code, 200)
        self.assertIn("ДТП-A-1", page.text)
        self.assertIn("1С:Бухгалтерия (А)", page.text)
        self.assertIn(self.type_remote.name, page.text)
        self.assertNotIn("ДТП-A-OLD", page.text, "expired contracts are not offered")
        self.assertNotIn("СТП-B-1", page.text)
        self.assertNotIn("АСУ ТП (Б)", page.text)
        self.assertIn('id="konus_manual_reminder"', page.text)
        # The §1 definition of a critical incident is shown.
        self.assertIn("key business processes have stopped", page.text)

    def test_happy_path(self):
        response = self._post(files={"attachment": ("screen.png", PNG, "image/png")})
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertTrue(
            response.url.endswith(f"/my/ticket/{ticket.id}?konus_created=1")
        )
        self.assertRecordValues(
            ticket,
            [
                {
                    "name": "Не проводится реализация",
                    "partner_id": self.contact_a.id,
                    "contract_id": self.contract_a.id,
                    "supported_product_id": self.product_a.id,
                    "support_type_id": self.type_remote.id,
                    "incident_class": "non_critical",
                    "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
                    "doc_reference": "Руководство пользователя, раздел 4.2",
                    "channel_id": self.env.ref(
                        "helpdesk_mgmt.helpdesk_ticket_channel_web"
                    ).id,
                    "team_id": self.support_team.id,
                    "stage_id": self.support_team._get_applicable_stages()[:1].id,
                    "company_id": self.contract_a.company_id.id,
                    "identification_state": "identified",
                }
            ],
        )
        self.assertIn(self.contact_a, ticket.message_partner_ids)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["screen.png"])
        self.assertEqual(ticket.attachment_ids.mimetype, "image/png")
        self.assertFalse(ticket.missing_info)

    def test_consultation_needs_no_steps(self):
        self._post(
            incident_class="consultation",
            support_type_id=str(self.type_consultation.id),
            steps_to_reproduce="",
        )
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.incident_class, "consultation")
        self.assertEqual(ticket.identification_state, "identified")

    def assertRejected(self, response, field, message, kept=None):
        """The form comes back (200) with the message at the field, the typed
        values kept, and no ticket created."""
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._tickets(), "nothing is created from an invalid form")
        self.assertIn("/submitted/ticket", response.url)
        self.assertIn('id="konus_form_errors"', response.text)
        self.assertIn(f'data-error-for="{field}"', response.text)
        self.assertIn(html.escape(message), response.text)
        for value in kept or (
            "Не проводится реализация",
            "Документ реализации не проводится: ошибка учёта",
            html.escape("Руководство пользователя, раздел 4.2"),
        ):
            self.assertIn(value, response.text, "what was typed is kept")

    def test_missing_contract(self):
        self.assertRejected(
            self._post(contract_id=""),
            "contract_id",
            "Choose the contract or certificate your request falls under.",
        )

    def test_other_customers_contract(self):
        response = self._post(
            contract_id=str(self.contract_b.id),
            supported_product_id=str(self.product_b.id),
        )
        self.assertRejected(
            response,
            "contract_id",
            "Choose one of your active contracts or certificates.",
        )
        self.assertFalse(self.Ticket.search([("contract_id", "=", self.contract_b.id)]))
        # Nothing of the other customer's contract is revealed.
        for secret in ("СТП-B-1", "АСУ ТП (Б)", self.customer_b.name):
            self.assertNotIn(html.escape(secret), response.text)

    def test_garbage_contract_id(self):
        self.assertRejected(
            self._post(contract_id="1 OR 1=1"),
            "contract_id",
            "Choose one of your active contracts or certificates.",
        )

    def test_expired_contract(self):
        self.assertRejected(
            self._post(contract_id=str(self.contract_a_expired.id)),
            "contract_id",
            "The contract ДТП-A-OLD expired on 12/31/2021",
        )

    def test_uncovered_product(self):
        self.assertRejected(
            self._post(supported_product_id=str(self.product_a_other.id)),
            "supported_product_id",
            "This product is not covered by the chosen contract.",
        )

    def test_other_customers_product(self):
        self.assertRejected(
            self._post(supported_product_id=str(self.product_b.id)),
            "supported_product_id",
            "This product is not covered by the chosen contract.",
        )

    def test_ungranted_support_type(self):
        self.assertRejected(
            self._post(support_type_id=str(self.type_onsite.id)),
            "support_type_id",
            "The chosen contract does not grant this kind of support (§5.3).",
        )

    def test_missing_incident_class(self):
        self.assertRejected(
            self._post(incident_class="urgent!!"),
            "incident_class",
            "Say whether the product stopped working, works with a fault, "
            "or you have a question.",
        )

    def test_missing_steps(self):
        response = self._post(incident_class="critical", steps_to_reproduce="  ")
        self.assertRejected(
            response,
            "steps_to_reproduce",
            "Describe the actions that lead to the problem (§4.4).",
        )
        self.assertRegex(response.text, r'value="critical" checked="')

    def test_missing_question(self):
        self.assertRejected(
            self._post(description="помогите"),
            "description",
            "State your question clearly, in a few words at least (§4.4).",
            kept=["Не проводится реализация", html.escape("1. Открыть реализацию")],
        )

    def test_rejected_form_keeps_choices_and_product_documents(self):
        """Sent back, the form keeps every choice and shows the chosen
        product's documentation (§4.3), only the customer's own."""
        Document = self.env["konus.product.document"]
        guide = Document.create(
            {
                "name": "Руководство пользователя А",
                "product_id": self.product_a.id,
                "url": "https://docs.konus.example/a",
            }
        )
        Document.create(
            {
                "name": "Инструкция чужого продукта",
                "product_id": self.product_b.id,
                "url": "https://docs.konus.example/b",
            }
        )
        response = self._post(description="помогите")
        self.assertRejected(
            response,
            "description",
            "State your question clearly, in a few words at least (§4.4).",
            kept=["Не проводится реализация"],
        )
        page = lxml_html.fromstring(response.text)
        form = page.get_element_by_id("konus_request_form")
        self.assertEqual(form.get("novalidate"), "novalidate")
        for name, value in (
            ("contract_id", self.contract_a.id),
            ("supported_product_id", self.product_a.id),
            ("support_type_id", self.type_remote.id),
        ):
            self.assertEqual(
                form.xpath(f"//select[@name='{name}']/option[@selected]/@value"),
                [str(value)],
                name,
            )
        self.assertEqual(
            form.xpath("//input[@name='incident_class'][@checked]/@value"),
            ["non_critical"],
        )
        (shown,) = form.xpath(
            f"//div[contains(@class, 'konus_product_docs')]"
            f"[@data-product='{self.product_a.id}']"
        )
        self.assertNotIn("d-none", shown.get("class"))
        self.assertEqual(
            shown.xpath(".//a/@href"),
            [f"/my/products/{self.product_a.id}/documents/{guide.id}"],
        )
        self.assertEqual(
            form.xpath("//datalist[@id='konus_doc_reference_options']/option/@value"),
            [guide.name],
        )
        self.assertNotIn("Инструкция чужого продукта", response.text)

    def test_missing_subject(self):
        self.assertRejected(
            self._post(subject=""),
            "subject",
            "Give your request a short subject.",
            kept=["Документ реализации не проводится: ошибка учёта"],
        )

    def test_oversized_file(self):
        big = PNG + b"\0" * portal_uploads.MAX_FILE_SIZE
        self.assertRejected(
            self._post(files={"attachment": ("big.png", big, "image/png")}),
            "attachment",
            "big.png is larger than 10 MB.",
        )

    def test_forbidden_file_type(self):
        self.assertRejected(
            self._post(
                files={
                    "attachment": (
                        "screen.png",
                        b"<html><script>alert(1)</script></html>",
                        "image/png",
                    )
                }
            ),
            "attachment",
            "screen.png: files of this type are not accepted.",
        )
        self.assertFalse(
            self.env["ir.attachment"]
            .search([("res_model", "=", "helpdesk.ticket")])
            .filtered(lambda a: a.name == "screen.png")
        )

    def test_typed_html_is_escaped(self):
        script = "<script>alert('x')</script>"
        self._post(
            subject=f"Ошибка {script}",
            description=f"Отчёт не открывается {script}",
            steps_to_reproduce=f"1. Открыть {script}",
            doc_reference=f"Раздел {script}",
        )
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="konus_steps"', page.text)
        self.assertNotIn("<script>alert", page.text)
        self.assertIn("&lt;script&gt;alert", page.text)
        # The rejected form does not echo it unescaped either.
        rejected = self._post(contract_id="", steps_to_reproduce=script)
        self.assertEqual(rejected.status_code, 200)
        self.assertNotIn("<script>alert", rejected.text)


@tagged("post_install", "-at_install")
class TestPortalRequestNonCustomer(PortalRequestCase):
    """Someone Konus holds no contract with is not refused at the door: the
    request is registered, unidentified, for the engineer to follow up
    (§4.2, §4.5) — nothing is lost."""

    def test_request_registered_unidentified(self):
        stranger = new_test_user(
            self.env,
            login="portal-stranger",
            groups="base.group_portal",
            name="Петров Пётр",
            email="petrov@stranger.example",
        )
        self.authenticate("portal-stranger", "portal-stranger")
        page = self.url_open("/new/ticket")
        self.assertNotIn("konus_no_contract", page.text)
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": "Хотим заключить договор",
                "description": "Подскажите, как оформить техподдержку",
                "contract_id": str(self.contract_a.id),  # someone else's
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.Ticket.search([("partner_id", "=", stranger.partner_id.id)])
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.contract_id)
        self.assertNotEqual(ticket.identification_state, "identified")


@tagged("post_install", "-at_install")
class TestPortalClose(PortalRequestCase):
    """helpdesk_mgmt's /ticket/close, made to check who asks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.closing_stage = cls.stages.filtered("close_from_portal")[:1]
        cls.ticket_b = cls.Ticket.create(
            {
                "name": "Заявка Байкала",
                "team_id": cls.team.id,
                "partner_id": cls.contact_b.id,
                "contract_id": cls.contract_b.id,
                "description": "<p>Не работает АСУ ТП</p>",
            }
        )
        cls.ticket_a = cls.Ticket.create(
            cls._identified_ticket_values(name="Заявка Селенги")
        )

    def _close(self, ticket, stage=None):
        return self.url_open(
            "/ticket/close",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "ticket_id": ticket.id,
                "stage_id": (stage or self.closing_stage).id,
            },
        )

    def test_cannot_close_other_customers_ticket(self):
        self.assertEqual(
            self.closing_stage,
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done"),
            "helpdesk_mgmt has a portal closing stage",
        )
        stage = self.ticket_b.stage_id
        self.authenticate("portal-a", "portal-a")
        response = self._close(self.ticket_b)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(f"/my/ticket/{self.ticket_b.id}", response.url)
        self.ticket_b.invalidate_recordset()
        self.assertEqual(self.ticket_b.stage_id, stage)

    def test_closes_own_ticket(self):
        self.authenticate("portal-a", "portal-a")
        self._close(self.ticket_a)
        self.ticket_a.invalidate_recordset()
        self.assertEqual(self.ticket_a.stage_id, self.closing_stage)

    def test_stage_of_another_team_is_refused(self):
        other_team = self.env["helpdesk.ticket.team"].create({"name": "Другая"})
        foreign_stage = self.env["helpdesk.ticket.stage"].create(
            {
                "name": "Закрыто (чужая)",
                "close_from_portal": True,
                "closed": True,
                "team_ids": [(6, 0, other_team.ids)],
            }
        )
        stage = self.ticket_a.stage_id
        self.authenticate("portal-a", "portal-a")
        self._close(self.ticket_a, foreign_stage)
        self.ticket_a.invalidate_recordset()
        self.assertEqual(self.ticket_a.stage_id, stage)


@tagged("post_install", "-at_install")
class TestPortalRequestTour(PortalRequestCase):
    def test_tour_new_request(self):
        # A second contract, so that the form must filter the products.
        self._make_contract(
            "ДТП-A-2", self.customer_a, self.product_a_other, self.type_onsite
        )
        self.start_tour("/new/ticket", "konus_portal_new_request", login="portal-a")
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertRecordValues(
            ticket,
            [
                {
                    "name": "Не проводится реализация — тур",
                    "contract_id": self.contract_a.id,
                    "supported_product_id": self.product_a.id,
                    "support_type_id": self.type_remote.id,
                    "incident_class": "non_critical",
                    "doc_reference": "Руководство пользователя, раздел 4.2",
                    "identification_state": "identified",
                }
            ],
        )


@tagged("post_install", "-at_install")
class TestPortalRequestRussian(PortalRequestCase):
    """A Russian-speaking customer reads the form and its messages in Russian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_russian(cls.env, ("helpdesk_mgmt", "konus_helpdesk"))
        cls.portal_a.lang = "ru_RU"

    def test_messages_in_russian(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open("/new/ticket")
        self.assertIn("Договор или сертификат", page.text)
        self.assertIn("руководстве пользователя", page.text)
        response = self._post(contract_id="", incident_class="critical")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._tickets())
        self.assertIn(
            "Выберите договор или сертификат, по которому вы обращаетесь.",
            response.text,
        )
        self.assertIn("Критический инцидент", response.text)
