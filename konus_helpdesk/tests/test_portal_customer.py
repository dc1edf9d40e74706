# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, timedelta

from freezegun import freeze_time
from lxml import html

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import KonusSupportDataMixin, load_russian


class CustomerPortalDataMixin(KonusSupportDataMixin):
    @classmethod
    def _setup_customer_portal_data(cls):
        cls._setup_support_data()
        cls._contracts_valid_on_any_date()
        cls.contract_a.sla_target_ids = [
            (
                0,
                0,
                {
                    "incident_class": "critical",
                    "sla_type": "response",
                    "working_hours": 1,
                },
            ),
            (
                0,
                0,
                {
                    "incident_class": "critical",
                    "sla_type": "resolution",
                    "working_hours": 8,
                },
            ),
        ]
        cls.document_a = cls.env["konus.product.document"].create(
            {
                "name": "Руководство пользователя",
                "kind": "user_guide",
                "product_id": cls.product_a.id,
                "file": base64.b64encode(b"%PDF-1.4 guide A"),
                "filename": "guide-a.pdf",
            }
        )
        cls.document_a_link = cls.env["konus.product.document"].create(
            {
                "name": "Руководство по эксплуатации",
                "kind": "operating_manual",
                "product_id": cls.product_a.id,
                "url": "https://docs.konus.example/manual-a",
            }
        )
        cls.document_b = cls.env["konus.product.document"].create(
            {
                "name": "Инструкция Б",
                "kind": "user_guide",
                "product_id": cls.product_b.id,
                "file": base64.b64encode(b"%PDF-1.4 guide B"),
                "filename": "guide-b.pdf",
            }
        )
        Ticket = cls.env["helpdesk.ticket"]
        cls.ticket_a = Ticket.create(cls._identified_ticket_values(name="Запрос А"))
        cls.ticket_b = Ticket.create(
            cls._identified_ticket_values(
                name="Запрос Б",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )


@tagged("post_install", "-at_install")
class TestContractPortalValues(CustomerPortalDataMixin, TransactionCase):
    """What a contract tells the customer: time left, service times."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customer_portal_data()

    def test_sla_sentences_in_russian(self):
        load_russian(self.env)
        contract = self.contract_a.with_context(lang="ru_RU")
        sentences = contract._portal_sla_sentences()
        # The contract's own targets for critical incidents...
        self.assertIn(
            "Критический инцидент: ответ в течение 1 рабочего часа, "
            "решение в течение 8 рабочих часов",
            sentences,
        )
        # ... the support service's SLA for the others (4 and 40 hours).
        self.assertIn(
            "Некритичный инцидент: ответ в течение 4 рабочих часов, "
            "решение в течение 40 рабочих часов",
            sentences,
        )

    def test_hours_phrase_russian_grammar(self):
        contract = self.contract_a.with_context(lang="ru_RU")
        load_russian(self.env)
        self.assertEqual(contract._hours_phrase(21), "21 рабочего часа")
        self.assertEqual(contract._hours_phrase(11), "11 рабочих часов")
        self.assertEqual(contract._hours_phrase(1.5), "1,5 рабочего часа")
        self.assertEqual(
            self.contract_a.with_context(lang="en_US")._hours_phrase(2),
            "2 working hours",
        )

    def test_working_hours_merged(self):
        self.calendar.attendance_ids = [(5, 0, 0)] + [
            (
                0,
                0,
                {"name": f"{day}", "dayofweek": str(day), "hour_from": f, "hour_to": t},
            )
            for day in range(5)
            for f, t in ((8.5, 12.0), (13.0, 17.5))
        ]
        lines = self.contract_a.with_context(lang="en_US")._portal_working_hours()
        self.assertEqual(lines, [("Monday – Friday", "08:30–12:00, 13:00–17:30")])

    @freeze_time("2026-06-01")
    def test_days_left_warning(self):
        contract = self.contract_a
        contract.date_end = date(2026, 6, 21)
        self.assertEqual(contract._portal_days_left(), 20)
        contract.date_end = date(2026, 8, 1)
        self.assertIsNone(contract._portal_days_left())


@tagged("post_install", "-at_install")
class TestCustomerPortal(CustomerPortalDataMixin, HttpCase):
    """Two customers in the portal: each sees its own contracts, products and
    documentation, never the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customer_portal_data()
        load_russian(cls.env)
        (cls.portal_a | cls.portal_b).lang = "ru_RU"

    def _get(self, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        location = response.headers.get("Location", "")
        if response.status_code in (301, 302, 303) and location.endswith(url):
            # The website's redirect to the user's language (/ru/...).
            response = self.url_open(location, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def test_contract_list_and_page(self):
        self.authenticate("portal-a", "portal-a")
        listing = self._get("/my/contracts").text
        self.assertIn("ДТП-A-1", listing)
        self.assertNotIn("СТП-B-1", listing)
        self.assertIn("Договоры и сертификаты", listing)
        page = html.fromstring(self._get(f"/my/contracts/{self.contract_a.id}").text)
        sla = page.get_element_by_id("konus_contract_sla").text_content()
        self.assertIn(
            "Критический инцидент: ответ в течение 1 рабочего часа, "
            "решение в течение 8 рабочих часов",
            " ".join(sla.split()),
        )
        products = page.get_element_by_id("konus_contract_products")
        self.assertEqual(
            [a.get("href") for a in products.iter("a")],
            [f"/my/products/{self.product_a.id}"],
        )
        types = page.get_element_by_id("konus_contract_support_types").text_content()
        self.assertIn(self.type_remote.with_context(lang="ru_RU").name, types)
        self.assertIn(
            "Asia/Irkutsk",
            page.get_element_by_id("konus_contract_calendar").text_content(),
        )
        tickets = page.get_element_by_id("konus_contract_tickets").text_content()
        self.assertIn(self.ticket_a.number, tickets)
        self.assertNotIn(self.ticket_b.number, tickets)
        self.assertFalse(page.xpath("//*[@id='konus_contract_expiring']"))

    def test_contract_expiring_warning(self):
        self.contract_a.date_end = fields.Date.today() + timedelta(days=10)
        self.authenticate("portal-a", "portal-a")
        page = html.fromstring(self._get(f"/my/contracts/{self.contract_a.id}").text)
        warning = page.get_element_by_id("konus_contract_expiring").text_content()
        self.assertIn("10", warning)

    def test_other_customer_records_not_found(self):
        self.authenticate("portal-a", "portal-a")
        for url in (
            f"/my/contracts/{self.contract_b.id}",
            f"/my/products/{self.product_b.id}",
            f"/my/products/{self.product_b.id}/documents/{self.document_b.id}",
            # Own product, other customer's document.
            f"/my/products/{self.product_a.id}/documents/{self.document_b.id}",
            "/my/contracts/abc",
            "/my/products/abc",
            "/my/contracts/999999999",
            "/my/products/1x",
        ):
            self._get(url, 404)
        self.assertNotIn(self.product_b.name, self._get("/my/products").text)

    def test_product_page_and_documents(self):
        self.authenticate("portal-a", "portal-a")
        self.assertIn(self.product_a.name, self._get("/my/products").text)
        page = html.fromstring(self._get(f"/my/products/{self.product_a.id}").text)
        documents = page.get_element_by_id("konus_product_documents")
        self.assertEqual(
            [a.get("href") for a in documents.iter("a")],
            [
                f"/my/products/{self.product_a.id}/documents/{self.document_a.id}",
                f"/my/products/{self.product_a.id}/documents/{self.document_a_link.id}",
            ],
        )
        self.assertIn("Руководство пользователя", documents.text_content())
        self.assertIn(
            self.ticket_a.number,
            page.get_element_by_id("konus_product_tickets").text_content(),
        )
        download = self._get(
            f"/my/products/{self.product_a.id}/documents/{self.document_a.id}"
        )
        self.assertEqual(download.content, b"%PDF-1.4 guide A")
        link = self._get(
            f"/my/products/{self.product_a.id}/documents/{self.document_a_link.id}",
            303,
        )
        self.assertEqual(
            link.headers["Location"], "https://docs.konus.example/manual-a"
        )

    def test_query_count_constant(self):
        """The contract page of 500 requests costs the queries of 5."""
        Ticket = self.env["helpdesk.ticket"]
        Ticket.create([self._identified_ticket_values(name=f"З-{i}") for i in range(4)])
        self.authenticate("portal-a", "portal-a")
        url = f"/my/contracts/{self.contract_a.id}"

        def queries():
            self.url_open(url)  # warm the caches
            before = self.cr.sql_log_count
            self.assertEqual(self.url_open(url).status_code, 200)
            return self.cr.sql_log_count - before

        few = queries()
        Ticket.create(
            [self._identified_ticket_values(name=f"Д-{i}") for i in range(495)]
        )
        self.env.flush_all()
        many = queries()
        self.assertEqual(few, many)


@tagged("post_install", "-at_install")
class TestMyTicketsQueryCount(CustomerPortalDataMixin, HttpCase):
    """The customer's "my tickets" and home counters cost the same number of
    queries for a customer with 10 requests as with 1 000: the list is paged
    and read in batches, the counters are counts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customer_portal_data()
        cls.waiting_stage = cls.env.ref("konus_helpdesk.stage_waiting_customer")
        cls.closed_stage = cls.stages.filtered("closed")[:1]

    def _create_tickets(self, count):
        """``count`` requests of customer A, in every state the portal
        distinguishes."""
        tickets = self.env["helpdesk.ticket"].create(
            [
                self._identified_ticket_values(
                    name=f"Запрос {i}", support_type_id=self.type_remote.id
                )
                for i in range(count)
            ]
        )
        tickets[0::3].stage_id = self.waiting_stage
        tickets[1::3].stage_id = self.closed_stage
        self.env.flush_all()

    def _queries(self, call):
        call()  # warm the caches (templates, assets, rules)
        before = self.cr.sql_log_count
        call()
        return self.cr.sql_log_count - before

    def _counts(self):
        counters = [
            "ticket_count",
            "konus_ticket_open_count",
            "konus_ticket_waiting_count",
            "konus_ticket_closed_count",
            "konus_contract_count",
            "konus_product_count",
        ]

        def my_tickets():
            self.assertEqual(self.url_open("/my/tickets").status_code, 200)

        def home():
            self.assertEqual(self.url_open("/my").status_code, 200)
            result = self.make_jsonrpc_request("/my/counters", {"counters": counters})
            self.assertEqual(set(result), set(counters))

        return self._queries(my_tickets), self._queries(home)

    def test_query_count_flat(self):
        self._create_tickets(9)  # and ticket_a: 10
        self.authenticate("portal-a", "portal-a")
        few = self._counts()
        self._create_tickets(990)
        many = self._counts()
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [("partner_id", "=", self.contact_a.id)]
            ),
            1000,
        )
        self.assertEqual(few, many, "(my tickets, home) queries: 10 vs 1 000")


@tagged("post_install", "-at_install")
class TestCustomerPortalHome(CustomerPortalDataMixin, HttpCase):
    """The home page: exact counters of the customer's own records, the
    support contacts; the request page: status, number, times."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customer_portal_data()
        load_russian(cls.env)
        (cls.portal_a | cls.portal_b).write({"lang": "ru_RU", "tz": False})
        Ticket = cls.env["helpdesk.ticket"]
        cls.waiting_stage = cls.env.ref("konus_helpdesk.stage_waiting_customer")
        cls.done_stage = cls.stages.filtered("closed")[:1]
        cls.ticket_waiting = Ticket.create(
            cls._identified_ticket_values(name="Ждёт ответа")
        )
        cls.ticket_waiting.stage_id = cls.waiting_stage
        cls.ticket_done = Ticket.create(cls._identified_ticket_values(name="Решён"))
        cls.ticket_done.stage_id = cls.done_stage
        # Customer B's requests in every state never count for A.
        for stage in (cls.waiting_stage, cls.done_stage):
            Ticket.create(
                cls._identified_ticket_values(
                    name="Чужой",
                    partner_id=cls.contact_b.id,
                    contract_id=cls.contract_b.id,
                    supported_product_id=cls.product_b.id,
                )
            ).stage_id = stage
        cls.env.company.write(
            {
                "konus_support_phone": "8(3012) 43-72-33 – доб. 112",
                "konus_support_email": "support@konus.example",
                "konus_support_hours": "с 8:30 до 12:00 и с 13:00 до 17:30",
                "konus_support_head_email": "head@konus.example",
            }
        )

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.text)

    def test_counters_exact(self):
        self.authenticate("portal-a", "portal-a")
        counters = [
            "konus_ticket_open_count",
            "konus_ticket_waiting_count",
            "konus_ticket_closed_count",
            "konus_contract_count",
            "konus_product_count",
        ]
        values = self.make_jsonrpc_request("/my/counters", {"counters": counters})
        self.assertEqual(
            {name: values[name] for name in counters},
            {
                "konus_ticket_open_count": 1,
                "konus_ticket_waiting_count": 1,
                "konus_ticket_closed_count": 1,
                "konus_contract_count": 1,
                "konus_product_count": 2,
            },
        )

    def test_home_shows_support_contacts(self):
        self.authenticate("portal-a", "portal-a")
        page = self._get("/my/home")
        contacts = page.get_element_by_id("konus_support_contacts").text_content()
        for text in (
            "8(3012) 43-72-33 – доб. 112",
            "support@konus.example",
            "с 8:30 до 12:00",
            "head@konus.example",
            "Руководитель службы технической поддержки",
        ):
            self.assertIn(text, contacts)
        self.assertTrue(
            page.xpath("//*[@data-placeholder_count='konus_contract_count']")
        )

    def test_ticket_page_status_and_contacts(self):
        self.authenticate("portal-a", "portal-a")
        cases = (
            (self.ticket_a, "in_progress", "В работе"),
            (self.ticket_waiting, "waiting", "Ожидает вашей информации"),
            (self.ticket_done, "solved", "Решено"),
        )
        for ticket, code, words in cases:
            page = self._get(f"/my/ticket/{ticket.id}")
            status = page.get_element_by_id("konus_ticket_status")
            self.assertEqual(status.get("data-status"), code)
            self.assertIn(words, status.text_content())
            self.assertIn(
                ticket.number,
                page.get_element_by_id("konus_ticket_number").text_content(),
            )
            self.assertIn(
                "support@konus.example",
                page.get_element_by_id("konus_support_contacts").text_content(),
            )

    def test_ticket_page_missing_info(self):
        ticket = self.env["helpdesk.ticket"].create(
            self._identified_ticket_values(
                name="Без продукта",
                supported_product_id=False,
                steps_to_reproduce=False,
            )
        )
        self.assertTrue(ticket.missing_info)
        self.authenticate("portal-a", "portal-a")
        page = self._get(f"/my/ticket/{ticket.id}")
        missing = page.get_element_by_id("konus_ticket_missing_info").text_content()
        self.assertIn(
            ticket.with_context(lang="ru_RU").missing_info.split("\n")[0], missing
        )

    def test_ticket_times_on_named_clock(self):
        """Times read on the calendar's clock, the zone named; the customer's
        own zone wins when set."""
        self.calendar.tz = "Asia/Vladivostok"
        self.authenticate("portal-a", "portal-a")
        listing = self._get("/my/tickets").text_content()
        self.assertIn("Asia/Vladivostok", listing)
        local = fields.Datetime.context_timestamp(
            self.ticket_a.with_context(tz="Asia/Vladivostok"), self.ticket_a.create_date
        )
        page = self._get(f"/my/ticket/{self.ticket_a.id}").text_content()
        self.assertIn(local.strftime("%H:%M"), page)
        self.assertIn("Asia/Vladivostok", page)
        self.portal_a.tz = "Europe/Moscow"
        self.env.flush_all()
        page = self._get(f"/my/ticket/{self.ticket_a.id}").text_content()
        self.assertIn("Europe/Moscow", page)


@tagged("post_install", "-at_install")
class TestPortalUserTimeZone(KonusSupportDataMixin, TransactionCase):
    def test_new_portal_user_gets_company_tz(self):
        self.env.company.resource_calendar_id.tz = "Asia/Irkutsk"
        user = self.env["res.users"].create(
            {
                "name": "Новый клиент",
                "login": "new-portal-tz",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertEqual(user.tz, "Asia/Irkutsk")
        own = self.env["res.users"].create(
            {
                "name": "Клиент из Москвы",
                "login": "new-portal-msk",
                "tz": "Europe/Moscow",
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        self.assertEqual(own.tz, "Europe/Moscow")

    def test_portal_wizard_user_gets_company_tz(self):
        """A customer's person given access by the portal wizard (the usual
        way) reads times on the support service's clock too."""
        self.env.company.resource_calendar_id.tz = "Asia/Irkutsk"
        # The portal users are copies of a template user: its zone (whoever
        # set it) is not the customer's.
        template = self.env["res.users"].browse(
            int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("base.template_portal_user_id")
            )
        )
        template.tz = "Europe/Brussels"
        organisation = self.env["res.partner"].create(
            {"name": "ООО «Новый Пользователь»", "is_company": True}
        )
        person = self.env["res.partner"].create(
            {
                "name": "Доржиев Аюр",
                "email": "new-wizard@customer.example",
                "parent_id": organisation.id,
            }
        )
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_model="res.partner", active_ids=person.ids)
            .create({})
        )
        wizard.user_ids.action_grant_access()
        user = person.user_ids
        self.assertTrue(user._is_portal())
        self.assertEqual(user.tz, "Asia/Irkutsk")

    def test_portal_wizard_keeps_the_persons_own_tz(self):
        self.env.company.resource_calendar_id.tz = "Asia/Irkutsk"
        person = self.env["res.partner"].create(
            {
                "name": "Клиент из Москвы",
                "email": "msk-wizard@customer.example",
                "tz": "Europe/Moscow",
            }
        )
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_model="res.partner", active_ids=person.ids)
            .create({})
        )
        wizard.user_ids.action_grant_access()
        self.assertEqual(person.user_ids.tz, "Europe/Moscow")


@tagged("post_install", "-at_install")
class TestCustomerPortalDeclined(CustomerPortalDataMixin, HttpCase):
    """A request declined for a §4.6 reason reads as declined, with the
    reason and its clause; one solved reads as solved."""

    def test_declined_with_reason(self):
        self._setup_customer_portal_data()
        load_russian(self.env)
        self.portal_a.lang = "ru_RU"
        reason = self.env.ref("konus_helpdesk.deferral_reason_misuse")
        self.ticket_a._konus_decline(reason)
        self.env.flush_all()
        self.authenticate("portal-a", "portal-a")
        page = html.fromstring(self.url_open(f"/my/ticket/{self.ticket_a.id}").text)
        status = page.get_element_by_id("konus_ticket_status")
        self.assertEqual(status.get("data-status"), "declined")
        text = " ".join(status.text_content().split())
        self.assertIn("Отказано", text)
        self.assertIn(reason.with_context(lang="ru_RU").name, text)
        self.assertIn(f"п. {reason.clause} Регламента", text)

    def test_solved_after_deferral_is_not_declined(self):
        """The reason a request keeps from an earlier deferral does not make
        it declined once it is solved."""
        self._setup_customer_portal_data()
        reason = self.env.ref("konus_helpdesk.deferral_reason_misuse")
        solved = self.stages.filtered(lambda s: s.closed and not s.declined)[:1]
        self.ticket_a.write({"deferral_reason_id": reason.id, "stage_id": solved.id})
        self.env.flush_all()
        self.authenticate("portal-a", "portal-a")
        page = html.fromstring(self.url_open(f"/my/ticket/{self.ticket_a.id}").text)
        status = page.get_element_by_id("konus_ticket_status")
        self.assertEqual(status.get("data-status"), "solved")
        self.assertNotIn(reason.name, status.text_content())
