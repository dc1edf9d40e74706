# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sweep: every portal route × a table of malformed inputs, over real HTTP.

The routes are read at run time from the routing map, so a route added later
(ours or of a module we build on) is covered without touching this file.
"""

import base64
import inspect
import json
import re
from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin

# The portal's routes: the customer's pages, the request form, the close
# button, and the chatter of a ticket page (mail and portal JSON routes).
ROUTE_PREFIXES = (
    "/my",
    "/new/ticket",
    "/submitted/ticket",
    "/ticket/",
    "/mail/",
    "/portal/",
)
# Routes under those prefixes that are not the portal's, with the reason.
NOT_PORTAL_ROUTES = {
    "/mail/rtc/": "calls between users of Discuss, no portal page uses them",
    "/mail/link_preview": "fetches pages from other servers: not run in tests",
    "/mail/message/translate": "calls Google Translate: not run in tests",
}

# Keys that carry a record id somewhere in the portal (forms, query strings,
# JSON parameters of the chatter).
ID_KEYS = (
    "ticket_id",
    "stage_id",
    "contract_id",
    "supported_product_id",
    "support_type_id",
    "category",
    "team",
    "res_id",
    "thread_id",
    "message_id",
    "attachment_id",
    "follower_id",
    "partner_id",
    "country_id",
    "state_id",
    "pid",
)
MODEL_KEYS = ("model", "res_model", "thread_model")
CHOICE_KEYS = ("sortby", "groupby", "filterby", "search_in")
DATE_KEYS = ("date_begin", "date_end")

# What an answer may be made of when the input is wrong: a page, a redirect,
# or one of these errors — never a server error.
CLEAN_ERRORS = re.compile(
    r"^(odoo\.exceptions\.(AccessError|AccessDenied|MissingError|UserError|"
    r"ValidationError|RedirectWarning)|werkzeug\.exceptions\.\w+|"
    r"odoo\.http\.SessionExpiredException)$"
)


@tagged("post_install", "-at_install")
class TestPortalRoutesMalformed(KonusSupportDataMixin, HttpCase):
    """Customer B, logged in, sends every portal route malformed query
    strings, forms and JSON: no server error, nothing of customer A in the
    answer, nothing created or changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls._contracts_valid_on_any_date()
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(name="Секрет Селенги: касса")
        )
        cls.ticket_a.message_subscribe(partner_ids=cls.contact_a.ids)
        cls.message_a = cls.ticket_a.message_post(
            body="Пароль кассы Селенги 4321",
            author_id=cls.contact_a.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.attachment_a = cls.env["ir.attachment"].create(
            {
                "name": "selenga-secret.txt",
                "datas": base64.b64encode(b"Selenga secret"),
                "res_model": "helpdesk.ticket",
                "res_id": cls.ticket_a.id,
            }
        )
        cls.message_a.attachment_ids = cls.attachment_a
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(
                name="Заявка Байкала",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )
        # The documentation of A's product (§4.3), read in the portal.
        cls.document_a = cls.env["konus.product.document"].create(
            {
                "name": "Инструкция кассы Селенги",
                "product_id": cls.product_a.id,
                "file": base64.b64encode(b"Selenga manual"),
                "filename": "selenga-manual.pdf",
            }
        )
        cls.secrets_a = [
            cls.document_a.name,
            "Selenga manual",
            cls.ticket_a.name,
            cls.ticket_a.number,
            cls.contract_a.name,
            cls.product_a.name,
            "Пароль кассы Селенги",
            cls.attachment_a.name,
        ]

    # ------------------------------------------------------------------
    # The routes and the inputs
    # ------------------------------------------------------------------

    def _portal_routes(self):
        """``(path pattern, endpoint)`` of every portal route."""
        installed = self.env["ir.module.module"].search([("state", "=", "installed")])
        routes = []
        # What the routing map is built from (the map itself needs a request).
        for path, endpoint in http._generate_routing_rules(
            installed.mapped("name"), nodb_only=False
        ):
            if not path.startswith(ROUTE_PREFIXES):
                continue
            if any(path.startswith(prefix) for prefix in NOT_PORTAL_ROUTES):
                continue
            if endpoint.routing.get("auth") not in ("user", "public"):
                continue
            routes.append((path, endpoint))
        return sorted(routes, key=lambda route: route[0])

    def _input_table(self):
        """``{name: (values of every key, id put in the path)}``: the
        malformed inputs, each with the record ids of its kind."""
        a_id = str(self.ticket_a.id)
        return {
            "unknown keys": ({"konus_unknown": "1", "x[]": "y"}, self.ticket_b.id),
            "unknown choices": (
                {key: "konus" for key in CHOICE_KEYS} | {"search": "Селенги"},
                self.ticket_b.id,
            ),
            "dates that are not dates": (
                dict(zip(DATE_KEYS, ("31.02.2026", "вчера"), strict=True)),
                self.ticket_b.id,
            ),
            "ids that are not numbers": (
                dict.fromkeys(ID_KEYS, "abc"),
                self.ticket_b.id,
            ),
            "empty ids": (dict.fromkeys(ID_KEYS, ""), self.ticket_b.id),
            "ids that do not exist": (
                dict.fromkeys(ID_KEYS, "999999999")
                | dict.fromkeys(MODEL_KEYS, "helpdesk.ticket"),
                999999999,
            ),
            "ids beyond the database's integers": (
                dict.fromkeys(ID_KEYS, str(2**63)),
                2**63,
            ),
            "ids of customer A": (
                dict.fromkeys(ID_KEYS, a_id)
                | dict.fromkeys(MODEL_KEYS, "helpdesk.ticket")
                | {
                    "message_id": str(self.message_a.id),
                    "attachment_id": str(self.attachment_a.id),
                    "stage_id": str(self.stages.filtered("closed")[:1].id),
                    "access_token": "forged",
                    "token": "forged",
                    "hash": "forged",
                },
                self.ticket_a.id,
            ),
            "models that do not exist": (
                dict.fromkeys(MODEL_KEYS, "konus.nothing")
                | {"thread_id": str(self.ticket_b.id), "res_id": "1"},
                self.ticket_b.id,
            ),
            "pages that are not numbers": (
                {"page": "abc", "limit": "abc", "offset": "-1"},
                self.ticket_b.id,
            ),
        }

    def _paths(self, pattern, path_id):
        """The pattern with its variables filled: the row's record id for
        ids (a message, attachment, contract, product or document of the
        same customer where the route names one), small numbers for sizes
        and pages, each choice of an ``any(...)`` variable."""
        by_name = {
            "width": "64",
            "height": "64",
            "page": "2",
        }
        if path_id == self.ticket_a.id:
            by_name |= {
                "message_id": str(self.message_a.id),
                "res_id": str(self.message_a.id),
                "attachment_id": str(self.attachment_a.id),
                "contract_id": str(self.contract_a.id),
                "product_id": str(self.product_a.id),
                "document_id": str(self.document_a.id),
            }
        variable = re.compile(r"<(?:([^:>]+):)?([^>]+)>")
        paths = [pattern]
        while variable.search(paths[0]):
            match = variable.search(paths[0])
            converter, name = match.group(1) or "default", match.group(2)
            if converter.startswith("any("):
                values = converter[4:-1].split(",")
            elif name in by_name:
                values = [by_name[name]]
            elif converter.startswith(("int", "model")):
                values = [str(path_id)]
            else:
                values = ["forged"]
            paths = [
                variable.sub(value, path, count=1) for path in paths for value in values
            ]
        return paths

    # ------------------------------------------------------------------
    # Requests and the checks on their answers
    # ------------------------------------------------------------------

    def _watched_state(self):
        """What no malformed request may change: no request is created, and
        nothing is added to or changed on customer A's request."""
        self.env.invalidate_all()
        on_ticket_a = [
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", self.ticket_a.id),
        ]
        return {
            "tickets": self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search_count([]),
            "complaints": self.env["konus.complaint"].sudo().search_count([]),
            "partners": self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_count([]),
            "attachments of A": self.env["ir.attachment"]
            .sudo()
            .search_count(on_ticket_a),
            "followers of A": self.env["mail.followers"]
            .sudo()
            .search_count(on_ticket_a),
            "messages of A": self.env["mail.message"]
            .sudo()
            .search_read(
                [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.ticket_a.id)],
                ["body", "attachment_ids", "reaction_ids"],
            ),
            "ticket A": self.ticket_a.read(["stage_id", "name", "partner_id"]),
            "ticket B": self.ticket_b.read(["stage_id", "name"]),
        }

    def _send(self, path, endpoint, values):
        routing = endpoint.routing
        methods = routing.get("methods") or ["GET", "POST"]
        if routing["type"] == "jsonrpc":
            params = self._json_params(endpoint, values)
            yield (
                "JSON",
                self.url_open(
                    path,
                    data=json.dumps(
                        {"jsonrpc": "2.0", "method": "call", "params": params}
                    ),
                    headers={"Content-Type": "application/json"},
                    allow_redirects=False,
                ),
            )
            return
        if "GET" in methods:
            yield "GET", self.url_open(path, params=values, allow_redirects=False)
        if "POST" in methods:
            form = values | {"csrf_token": http.Request.csrf_token(self)}
            # Upload routes get a file, so that the values are what is tried.
            files = {
                name: ("konus.txt", b"konus", "text/plain")
                for name in inspect.signature(
                    getattr(endpoint, "original_endpoint", endpoint)
                ).parameters
                if name == "ufile"
            }
            yield (
                "POST",
                self.url_open(
                    path, data=form, files=files or None, allow_redirects=False
                ),
            )

    def _json_params(self, endpoint, values):
        """The row's values, typed as JSON clients send them (numbers stay
        strings when they are not numbers), plus every parameter the route
        requires, from the row when it has it."""
        original = getattr(endpoint, "original_endpoint", endpoint)
        params = {}
        for key, value in values.items():
            params[key] = int(value) if value.lstrip("-").isdigit() else value
        for name, parameter in inspect.signature(original).parameters.items():
            if name == "self" or parameter.kind in (
                parameter.VAR_KEYWORD,
                parameter.VAR_POSITIONAL,
            ):
                continue
            if name in params or parameter.default is not parameter.empty:
                continue
            params[name] = self._json_required_default(name)
        return params

    def _json_required_default(self, name):
        if name.endswith("_ids"):
            return []
        if name.endswith(("_data", "_params")):
            return {}
        if name.endswith("_model"):
            return "helpdesk.ticket"
        if name.endswith("_id"):
            return self.ticket_b.id
        return ""

    def _problem(self, response):
        if response.status_code >= 500:
            return f"HTTP {response.status_code}"
        text = response.text
        if response.headers.get("Content-Type", "").startswith("application/json"):
            try:
                body = json.loads(text)
            except ValueError:
                body = {}
            error = body.get("error") if isinstance(body, dict) else None
            name = error and (error.get("data") or {}).get("name")
            if name and not CLEAN_ERRORS.match(name):
                return f"server error {name}: {error['data'].get('message')}"
        location = response.headers.get("Location", "")
        for secret in self.secrets_a:
            if secret and (secret in text or secret in location):
                return f"shows {secret!r} of customer A"
        return None

    # ------------------------------------------------------------------

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_malformed_inputs(self):
        routes = self._portal_routes()
        self.assertIn("/ticket/close", [path for path, _endpoint in routes])
        self.assertIn("/my/ticket/<int:ticket_id>", [p for p, _e in routes])
        self.assertIn(
            "/my/products/<int:product_id>/documents/<int:document_id>",
            [p for p, _e in routes],
        )
        self.authenticate("portal-b", "portal-b")
        before = self._watched_state()
        problems = []
        for pattern, endpoint in routes:
            for row, (values, path_id) in self._input_table().items():
                for path in self._paths(pattern, path_id):
                    for method, response in self._send(path, endpoint, values):
                        where = f"{method} {path} [{row}]"
                        problem = self._problem(response)
                        if problem:
                            problems.append(f"{where}: {problem}")
                        after = self._watched_state()
                        if after != before:
                            changed = [k for k in before if before[k] != after[k]]
                            problems.append(f"{where}: changed {changed}")
                            before = after
        self.assertFalse(problems, "\n" + "\n".join(problems))


@tagged("post_install", "-at_install")
class TestPortalStateChanges(KonusSupportDataMixin, HttpCase):
    """Requests are closed and filed by POST only, with the CSRF token of
    the page's form: a link or an image on another site changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.contract_b.write(
            {
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=365),
            }
        )
        cls.closing_stage = cls.stages.filtered("close_from_portal")[:1]
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(
                name="Заявка Байкала",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )

    def _close_values(self):
        return {"ticket_id": self.ticket_b.id, "stage_id": self.closing_stage.id}

    @mute_logger("odoo.http")
    def test_close_needs_post_with_csrf(self):
        self.assertTrue(self.closing_stage)
        stage = self.ticket_b.stage_id
        self.authenticate("portal-b", "portal-b")
        response = self.url_open(
            "/ticket/close", params=self._close_values(), allow_redirects=False
        )
        self.assertEqual(response.status_code, 405)
        response = self.url_open(
            "/ticket/close", data=self._close_values(), allow_redirects=False
        )
        self.assertEqual(response.status_code, 400)  # no CSRF token
        self.assertEqual(self.ticket_b.stage_id, stage)
        # The ticket page's button is a form that POSTs the token.
        page = self.url_open(f"/my/ticket/{self.ticket_b.id}").text
        form = re.search(
            r'<form[^>]*action="/ticket/close"[^>]*>(.*?)</form>', page, re.DOTALL
        )
        self.assertTrue(form, "the page shows a close button")
        self.assertIn('method="POST"', form.group(0))
        self.assertIn('name="csrf_token"', form.group(1))
        response = self.url_open(
            "/ticket/close",
            data=self._close_values() | {"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 302)
        self.ticket_b.invalidate_recordset()
        self.assertEqual(self.ticket_b.stage_id, self.closing_stage)

    @mute_logger("odoo.http")
    def test_request_is_filed_by_post_only(self):
        self.authenticate("portal-b", "portal-b")
        tickets = self.env["helpdesk.ticket"].search_count([])
        response = self.url_open(
            "/submitted/ticket",
            params={
                "subject": "Заявка по ссылке",
                "contract_id": self.contract_b.id,
                "supported_product_id": self.product_b.id,
                "support_type_id": self.type_consultation.id,
                "incident_class": "consultation",
                "description": "Создана GET-запросом с чужого сайта",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 405)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), tickets)


@tagged("post_install", "-at_install")
class TestPortalTicketListQuery(KonusSupportDataMixin, HttpCase):
    """The request list answers any query string with its defaults."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.contract_b.write(
            {
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=365),
            }
        )
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(
                name="Заявка Байкала",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )

    def test_unknown_choices_and_bad_dates(self):
        self.authenticate("portal-b", "portal-b")
        for query in (
            {"sortby": "konus"},
            {"groupby": "konus", "search_in": "konus", "search": "Байкала"},
            {"date_begin": "31.02.2026", "date_end": "вчера"},
            {"date_begin": "2000-01-01", "date_end": "не дата"},
        ):
            with self.subTest(query=query):
                response = self.url_open("/my/tickets", params=query)
                self.assertEqual(response.status_code, 200)
                self.assertIn("Заявка Байкала", response.text)
        # Valid dates still filter.
        response = self.url_open(
            "/my/tickets",
            params={"date_begin": "2000-01-01", "date_end": "2000-01-02"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Заявка Байкала", response.text)
