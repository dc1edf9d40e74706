# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fuzz: random requests of a customer to the portal, over real HTTP.

Customer A, logged in, fills the request form at random — other customers'
ids, ids that are no ids, huge and odd text, missing fields, wrong CSRF
tokens, files too big or of odd types — and opens every portal page of
konus_helpdesk and helpdesk_mgmt (read from the routing map at run time)
with random ids and query strings. Checked: never a server error, nothing
of customer B in any answer, a form with mistakes comes back with the
typed text and a Russian message, a valid one creates exactly one request.

The seed is fixed (printed with every failure); run longer with
``KONUS_FUZZ_N=500`` and another seed with ``KONUS_FUZZ_SEED=…``.
"""

import base64
import html
import os
import random
import re
from urllib.parse import quote, urlsplit

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.mimetypes import guess_mimetype

from ..tools import identification, portal_uploads
from .common import KonusSupportDataMixin, load_russian

SEED = int(os.environ.get("KONUS_FUZZ_SEED", "20261127"))
ITERATIONS = int(os.environ.get("KONUS_FUZZ_N", "40"))
# Paths of the two modules' portal pages (and helpdesk_mgmt's form).
MODULES = ("odoo.addons.konus_helpdesk.", "odoo.addons.helpdesk_mgmt.")

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
    "60e6kgAAAABJRU5ErkJggg=="
)
ODD_TEXT = (
    "\u202egnp.exe",
    "😀🔥",
    "\x01\x07\x1b[31m",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%n{0}",
    "𝕂𝕠𝕟𝕦𝕤",
    "\r\n\r\n",
)
WORDS = [
    "не",
    "проводится",
    "документ",
    "реализации",
    "ошибка",
    "учёта",
    "отчёт",
    "касса",
    "печатает",
    "сервер",
    "обновление",
    "помогите",
    "после",
    "открыть",
    "нажать",
    "провести",
]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@tagged("post_install", "-at_install")
class TestFuzzPortal(KonusSupportDataMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        load_russian(cls.env, ("helpdesk_mgmt", "konus_helpdesk"))
        cls.portal_a.lang = "ru_RU"
        cls.contract_a_expired = cls._make_contract(
            "ДТП-A-OLD",
            cls.customer_a,
            cls.product_a,
            cls.type_consultation,
            date_start=cls.today.replace(year=cls.today.year - 5),
            date_end=cls.today.replace(year=cls.today.year - 3, day=1),
        )
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.ticket_a = cls.Ticket.create(cls._identified_ticket_values())
        cls.ticket_b = cls.Ticket.create(
            cls._identified_ticket_values(
                name="Тайна Байкала: пароль АСУ",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )
        cls.ticket_b.message_post(
            body="Пароль Байкала 9876", message_type="comment", subtype_xmlid=False
        )
        cls.document_b = cls.env["konus.product.document"].create(
            {
                "name": "Инструкция Байкала",
                "product_id": cls.product_b.id,
                "file": base64.b64encode(b"Baikal manual"),
                "filename": "baikal-manual.pdf",
            }
        )
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Категория (тест)"}
        )
        cls.secrets_b = [
            cls.customer_b.name,
            cls.contact_b.name,
            cls.contract_b.name,
            cls.product_b.name,
            cls.ticket_b.name,
            cls.ticket_b.number,
            "Пароль Байкала",
            cls.document_b.name,
            "Baikal manual",
        ]

    # ------------------------------------------------------------ helpers
    def _ids(self, rng, own, others):
        """A random value for an id field: own, another customer's, or junk."""
        return rng.choice(
            (
                *[str(record.id) for record in own],
                *[str(record.id) for record in others],
                "",
                "0",
                "-1",
                "abc",
                "999999999",
                str(2**63),
                "1 OR 1=1",
                "1.5",
                "٣",
                None,
            )
        )

    def _text(self, rng, short=True):
        roll = rng.random()
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
        if roll < 0.1:
            return None
        if roll < 0.2:
            return "   "
        if roll < 0.35:
            words += rng.choice(ODD_TEXT)
        if roll > 0.93:
            words = (words + " ") * rng.choice((50, 2000, 40_000))
        if rng.random() < 0.1:
            # Not UTF-8: what an old browser in windows-1251 posts.
            return words.encode("cp1251", errors="replace")
        return words if short or rng.random() < 0.5 else words + " ?"

    def _file(self, rng):
        name, content = rng.choice(
            (
                ("screen.png", PNG),
                ("Скриншот ошибки.PNG", PNG),
                ("page.png", b"<html><script>alert(1)</script></html>"),
                ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
                ("setup.exe", b"MZ\x90\x00" + b"\x00" * 100),
                ("1cv8.log", "Ошибка СУБД\n".encode("cp1251")),
                ("evil\x00.png", PNG),
                ("../../etc/passwd.txt", b"root:x:0:0"),
                ("noextension", b"hello"),
                ("empty.txt", b""),
                ("big.png", PNG + b"\0" * (portal_uploads.MAX_FILE_SIZE + 1)),
            )
        )
        return name, content

    def _form(self, rng):
        """A random form, its files and the csrf kind: a valid form with a
        few fields (or all of them) made random."""
        form = {
            "contract_id": str(self.contract_a.id),
            "supported_product_id": str(self.product_a.id),
            "support_type_id": str(self.type_remote.id),
            "incident_class": "non_critical",
            "subject": "Не проводится реализация",
            "description": "Документ реализации не проводится: ошибка учёта",
            "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
            "doc_reference": "Руководство пользователя, раздел 4.2",
        }
        random_values = {
            "contract_id": lambda: self._ids(
                rng, [self.contract_a, self.contract_a_expired], [self.contract_b]
            ),
            "supported_product_id": lambda: self._ids(
                rng, [self.product_a, self.product_a_other], [self.product_b]
            ),
            "support_type_id": lambda: self._ids(
                rng, [self.type_remote, self.type_consultation, self.type_onsite], []
            ),
            "incident_class": lambda: rng.choice(
                ("critical", "non_critical", "consultation", "urgent!!", "", None)
            ),
            "subject": lambda: self._text(rng),
            "description": lambda: self._text(rng, short=False),
            "steps_to_reproduce": lambda: self._text(rng),
            "doc_reference": lambda: self._text(rng),
            "category": lambda: self._ids(rng, [self.category], []),
            "team": lambda: self._ids(rng, [self.team], []),
            "konus_unknown": lambda: "x" * rng.choice((1, 100_000)),
        }
        count = rng.choice((0, 1, 1, 2, 2, 3, len(random_values)))
        for key in rng.sample(sorted(random_values), count):
            form[key] = random_values[key]()
        form = {key: value for key, value in form.items() if value is not None}
        files = [self._file(rng) for _ in range(rng.choice((0, 0, 1, 1, 2, 11)))]
        if any(len(content) > portal_uploads.MAX_FILE_SIZE for _n, content in files):
            # One big file per run is enough: it costs seconds.
            if getattr(self, "_big_sent", False):
                files = [f for f in files if len(f[1]) <= portal_uploads.MAX_FILE_SIZE]
            self._big_sent = True
        csrf = rng.choice(("good",) * 8 + ("missing", "wrong"))
        return form, files, csrf

    def _is_valid(self, form, files):
        """What the rules of §4.4 say of the form (the oracle)."""
        # The server reads bytes that are not UTF-8 with replacement marks.
        form = {
            key: value.decode("utf-8", "replace") if isinstance(value, bytes) else value
            for key, value in form.items()
        }
        own = {
            "contract_id": str(self.contract_a.id),
            "supported_product_id": str(self.product_a.id),
        }
        if any(form.get(key) != value for key, value in own.items()):
            return False
        if form.get("support_type_id") not in (
            str(self.type_remote.id),
            str(self.type_consultation.id),
        ):
            return False
        incident = form.get("incident_class")
        if incident not in ("critical", "non_critical", "consultation"):
            return False
        if (
            incident != "consultation"
            and not (form.get("steps_to_reproduce") or "").strip()
        ):
            return False
        subject = (form.get("subject") or "").strip()
        if not subject or len(subject) > 250:
            return False
        if not identification.is_clear_question(form.get("description")):
            return False
        if len((form.get("doc_reference") or "").strip()) > 500:
            return False
        uploads = [
            portal_uploads.Upload(
                name, len(content), guess_mimetype(content, default="")
            )
            for name, content in files
        ]
        return not portal_uploads.check(uploads)

    def _post(self, form, files, csrf):
        data = dict(form)
        if csrf == "good":
            data["csrf_token"] = http.Request.csrf_token(self)
        elif csrf == "wrong":
            data["csrf_token"] = "0" * 40 + "o9999999999"
        multipart = [
            ("attachment", (name, content, "application/octet-stream"))
            for name, content in files
        ]
        return self.url_open(
            "/submitted/ticket",
            data=data,
            files=multipart or None,
            allow_redirects=True,
            timeout=120,
        )

    def _leaks(self, response):
        text = response.text + response.headers.get("Location", "")
        return [secret for secret in self.secrets_b if secret in text]

    def _tickets_a(self):
        return self.Ticket.search([("partner_id", "=", self.contact_a.id)])

    # ------------------------------------------------------------ the form
    @mute_logger("odoo.http")
    def test_fuzz_request_form(self):
        rng = random.Random(SEED)
        self.authenticate("portal-a", "portal-a")
        failures = []
        outcomes = {"valid": 0, "invalid": 0, "csrf": 0}
        for number in range(ITERATIONS):
            form, files, csrf = self._form(rng)
            before = self._tickets_a()
            valid = csrf == "good" and self._is_valid(form, files)
            outcomes["csrf" if csrf != "good" else "valid" if valid else "invalid"] += 1
            response = self._post(form, files, csrf)
            created = self._tickets_a() - before
            problems = []
            if response.status_code >= 500:
                problems.append(f"HTTP {response.status_code}")
            if leaks := self._leaks(response):
                problems.append(f"shows B's {leaks}")
            if csrf != "good":
                if response.status_code != 400 or created:
                    problems.append(f"{csrf} CSRF: {response.status_code}, {created}")
            elif valid:
                if len(created) != 1:
                    problems.append(f"valid form: {len(created)} requests created")
                elif urlsplit(response.url).path.rpartition("/my/ticket/")[2] != str(
                    created.id
                ):
                    problems.append(f"valid form answered {response.url}")
            else:
                problems += self._rejected_problems(response, form, created)
            if problems:
                shown = {k: v[:60] for k, v in form.items()}
                failures.append(
                    f"form {number} (seed {SEED}): {'; '.join(problems)}\n"
                    f"    {shown} files={[(n, len(c)) for n, c in files]} csrf={csrf}"
                )
        self.assertFalse(
            failures,
            f"{len(failures)} of {ITERATIONS} forms (seed {SEED}):\n"
            + "\n".join(failures),
        )
        # The run tried each kind of form.
        self.assertTrue(all(outcomes.values()), outcomes)

    def _rejected_problems(self, response, form, created):
        problems = []
        if created:
            problems.append(f"invalid form created {created.mapped('number')}")
        if response.status_code != 200:
            return [*problems, f"invalid form answered HTTP {response.status_code}"]
        if 'id="konus_form_errors"' not in response.text:
            return [*problems, "no error message"]
        messages = re.findall(
            r'data-error-for="[^"]*"[^>]*>(.*?)<', response.text, re.DOTALL
        )
        english = [m for m in messages if m.strip() and not CYRILLIC.search(m)]
        if not messages or english:
            problems.append(f"messages not in Russian: {english or messages}")
        subject = form.get("subject")
        subject = subject.strip() if isinstance(subject, str) else ""
        typed = subject and len(subject) < 200 and subject.isprintable()
        if typed and html.escape(subject, quote=False) not in response.text:
            problems.append("the typed subject is lost")
        return problems

    # ------------------------------------------------------------ the pages
    def _routes(self):
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        routes = []
        for path, endpoint in http._generate_routing_rules(
            installed.mapped("name"), nodb_only=False
        ):
            original = getattr(endpoint, "original_endpoint", endpoint)
            module = getattr(original, "__module__", "") or ""
            routing = endpoint.routing
            if not module.startswith(MODULES) or routing.get("type") != "http":
                continue
            if "GET" not in (routing.get("methods") or ["GET"]):
                continue
            routes.append(path)
        return sorted(set(routes))

    def _fill(self, rng, pattern):
        own = {
            "ticket_id": self.ticket_a.id,
            "contract_id": self.contract_a.id,
            "product_id": self.product_a.id,
        }
        others = {
            "ticket_id": self.ticket_b.id,
            "contract_id": self.contract_b.id,
            "product_id": self.product_b.id,
            "document_id": self.document_b.id,
        }

        def value(match):
            converter, name = match.group(1) or "", match.group(2)
            if converter.startswith("any("):
                return rng.choice(converter[4:-1].split(","))
            return str(
                rng.choice(
                    (
                        own.get(name, 1),
                        others.get(name, 2),
                        0,
                        2**31,
                        2**63,
                        "abc",
                        -1,
                        rng.randint(1, 500),
                    )
                )
            )

        return re.sub(r"<(?:([^:>]+):)?([^>]+)>", value, pattern)

    def _query(self, rng):
        keys = [
            "page",
            "sortby",
            "filterby",
            "groupby",
            "search",
            "search_in",
            "date_begin",
            "date_end",
            "access_token",
            "ticket_id",
            "contract_id",
            "product_id",
            "stage_id",
            "report_type",
            "download",
            "limit",
            "offset",
        ]
        values = (
            "1",
            "-1",
            "0",
            str(2**63),
            "abc",
            "%00",
            "%FF%FE",
            "'",
            "pdf",
            "html",
            "all",
            "date",
            "2026-02-31",
            str(self.ticket_b.id),
            quote("Байкал" * 300),
        )
        pairs = [
            f"{rng.choice(keys)}={rng.choice(values)}" for _ in range(rng.randint(0, 4))
        ]
        return "&".join(pairs)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_fuzz_portal_pages(self):
        rng = random.Random(SEED)
        routes = self._routes()
        self.assertIn("/my/contracts/<int:contract_id>", routes)
        self.assertIn("/my/ticket/<int:ticket_id>", routes)
        self.authenticate("portal-a", "portal-a")
        tickets = self.Ticket.search_count([])
        failures = []
        for number in range(ITERATIONS * 4):
            # Every route in turn, with random ids and query strings.
            url = self._fill(rng, routes[number % len(routes)])
            query = self._query(rng)
            response = self.url_open(
                f"{url}?{query}" if query else url, allow_redirects=False
            )
            problems = []
            if response.status_code >= 500:
                problems.append(f"HTTP {response.status_code}")
            if leaks := self._leaks(response):
                problems.append(f"shows B's {leaks}")
            if problems:
                failures.append(f"GET {url}?{query[:200]}: {'; '.join(problems)}")
        self.assertEqual(
            self.Ticket.search_count([]), tickets, "a GET created requests"
        )
        self.assertFalse(
            failures,
            f"{len(failures)} pages (seed {SEED}):\n" + "\n".join(failures),
        )


@tagged("post_install", "-at_install")
class TestFuzzPortalFindings(KonusSupportDataMixin, HttpCase):
    """What the fuzz found, each as one fixed form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Касса (тест)", "show_in_portal": True}
        )
        cls.hidden_category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Внутренняя (тест)", "show_in_portal": False}
        )
        cls.env.company.helpdesk_mgmt_portal_select_category = True

    def setUp(self):
        super().setUp()
        self.authenticate("portal-a", "portal-a")

    def _post(self, files=None, **values):
        form = {
            "csrf_token": http.Request.csrf_token(self),
            "contract_id": str(self.contract_a.id),
            "supported_product_id": str(self.product_a.id),
            "support_type_id": str(self.type_remote.id),
            "incident_class": "non_critical",
            "subject": "Не проводится реализация",
            "description": "Документ реализации не проводится: ошибка учёта",
            "steps_to_reproduce": "1. Открыть реализацию 2. Нажать «Провести»",
            **values,
        }
        before = self.Ticket.search([("partner_id", "=", self.contact_a.id)])
        response = self.url_open("/submitted/ticket", data=form, files=files)
        self.assertEqual(response.status_code, 200)
        ticket = self.Ticket.search([("partner_id", "=", self.contact_a.id)]) - before
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            urlsplit(response.url).path.rpartition("/my/ticket/")[2], str(ticket.id)
        )
        return ticket

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_nul_in_text_and_file_name(self):
        """PostgreSQL refuses a NUL character: the request was lost (500)."""
        ticket = self._post(
            subject="Касса\x00",
            steps_to_reproduce="1. Открыть\x00",
            files={"attachment": ("evil\x00.png", PNG, "image/png")},
        )
        self.assertEqual(ticket.name, "Касса")
        self.assertEqual(ticket.steps_to_reproduce, "1. Открыть")
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["evil.png"])

    @mute_logger("odoo.http")
    def test_category_the_form_does_not_offer(self):
        """helpdesk_mgmt used the posted category as it came: a number that
        is none, a hidden category or one the customer may not read lost the
        request. Only a category the form offers counts."""
        for value in ("abc", "٣", str(self.hidden_category.id), "999999999"):
            with self.subTest(category=value):
                ticket = self._post(category=value)
                self.assertFalse(ticket.category_id)
        ticket = self._post(category=str(self.category.id))
        self.assertEqual(ticket.category_id, self.category)
