# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sweep: every model a portal user may read over RPC × every read method.

The models are found at run time (the access rights the portal group has), so
a model that becomes readable by customers later is covered, or the sweep
fails until it is classified.
"""

import base64
import warnings
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, MissingError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import KonusSupportDataMixin

# Portal-readable models that hold no customer's data, with the reason. Any
# other portal-readable model must get records of customer A in
# ``_build_customer_a_world`` (and is then checked), or be listed here.
NOT_CUSTOMER_DATA = {
    "res.company": "Konus's own companies; a portal user reads only the "
    "companies of their own account",
    "res.country": "reference data",
    "res.country.group": "reference data",
    "res.country.state": "reference data",
    "res.currency": "reference data",
    "res.currency.rate": "exchange rates: reference data",
    "res.lang": "reference data",
    "mail.message.subtype": "public message kinds: configuration",
    "helpdesk.ticket.stage": "the workflow's stages, the same for every customer",
    "helpdesk.ticket.category": "the categories offered in the request form",
    "helpdesk.ticket.team": "the teams shown in the portal (helpdesk_mgmt's "
    "show_in_portal rule); their members are Konus's engineers",
    "konus.support.type": "the kinds of support of §5.2: regulation data",
    "konus.regulation": "the published regulation (§2.3), the same for every "
    "customer; drafts are hidden by its portal rule",
}

READ_ERRORS = (AccessError, MissingError)


def _unless_refused(method, *args, **kwargs):
    """What ``method`` answers, or nothing when it refuses to answer."""
    try:
        return method(*args, **kwargs)
    except READ_ERRORS:
        return []


def _portal_readable_models(env, user):
    """Every model with a table that ``user`` may read by its access rights."""
    Access = env["ir.model.access"].with_user(user)
    return sorted(
        name
        for name, model in env.registry.items()
        if not model._abstract and Access.check(name, "read", raise_exception=False)
    )


@tagged("post_install", "-at_install")
class TestPortalRpcIsolation(KonusSupportDataMixin, TransactionCase):
    """Customer B, logged in to the portal, reads none of customer A's
    records on any model B may read — whatever the read method, and through
    related paths (DESIGN "Security")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        cls._contracts_valid_on_any_date()
        cls._setup_service_configuration()
        cls._build_customer_b_world()
        cls.models = _portal_readable_models(cls.env, cls.portal_b)
        cls.last_ids = {
            name: cls._sudo(name).search([], order="id desc", limit=1).id or 0
            for name in cls.models
        }
        cls._build_customer_a_world()
        cls.records_a = {
            name: cls._sudo(name).search([("id", ">", cls.last_ids[name])])
            for name in cls.models
        }
        # What the shared fixture made for A, before the snapshot.
        for record in (
            cls.customer_a,
            cls.contact_a,
            cls.portal_a,
            cls.contract_a,
            cls.product_a,
            cls.product_a_other,
        ):
            if record._name in cls.records_a:
                cls.records_a[record._name] |= record

    @classmethod
    def _sudo(cls, model):
        return cls.env[model].sudo().with_context(active_test=False)

    @classmethod
    def _setup_service_configuration(cls):
        """Konus's own set-up, shared by every customer: the team counts
        SLA targets, one of which is unfiltered."""
        cls.team.write({"use_sla": True, "resource_calendar_id": cls.calendar.id})
        cls.sla_all = cls.env["helpdesk.sla"].create(
            {
                "name": "Resolution, any request",
                "sla_type": "resolution",
                "working_hours": 40,
                "team_ids": [Command.set(cls.team.ids)],
            }
        )

    @classmethod
    def _build_customer_b_world(cls):
        cls.ticket_b = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(
                name="Заявка Байкала",
                partner_id=cls.contact_b.id,
                contract_id=cls.contract_b.id,
                supported_product_id=cls.product_b.id,
            )
        )
        cls.ticket_b.message_post(
            body="Вопрос Байкала",
            author_id=cls.contact_b.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    @classmethod
    def _build_customer_a_world(cls):
        """Everything a customer leaves in Konus's database, for customer A:
        requests with SLA clocks, conversations and notifications, a chat
        with an engineer, the documentation of their product, saved filters,
        keys and devices of their account,
        a colleague, an SLA target filtered on their organisation."""
        env = cls.env
        cls.colleague_a = cls.portal_a.copy(
            {"login": "portal-a-colleague", "name": "Бадмаева Сэсэг"}
        )
        cls.colleague_a.partner_id.parent_id = cls.customer_a
        env["helpdesk.sla"].create(
            {
                "name": "Selenga VIP response",
                "sla_type": "response",
                "working_hours": 2,
                "team_ids": [Command.set(cls.team.ids)],
                "domain": repr([("commercial_partner_id", "=", cls.customer_a.id)]),
            }
        )
        cls.ticket_a = env["helpdesk.ticket"].create(
            cls._identified_ticket_values(name="Секрет Селенги: касса")
        )
        cls.ticket_a.message_subscribe(partner_ids=cls.contact_a.ids)
        # As the portal chatter posts for its user.
        cls.ticket_a.message_post(
            body="Касса Селенги не печатает чек",
            author_id=cls.contact_a.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.ticket_a.with_user(cls.engineer).message_post(
            body="Ответ инженера Селенге",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        env["konus.complaint"].create(
            {
                "kind": "complaint",
                "ticket_id": cls.ticket_a.id,
                "partner_id": cls.contact_a.id,
                "description": "Жалоба Селенги на специалиста",
            }
        )
        # The documentation of A's product (§4.3): a link and a file.
        env["konus.product.document"].create(
            [
                {
                    "name": "Руководство пользователя кассы Селенги",
                    "product_id": cls.product_a.id,
                    "url": "https://docs.example/selenga/guide",
                },
                {
                    "name": "Инструкция по эксплуатации кассы Селенги",
                    "kind": "operating_manual",
                    "product_id": cls.product_a.id,
                    "file": base64.b64encode(b"%PDF-1.4 Selenga manual"),
                    "filename": "selenga-manual.pdf",
                },
            ]
        )
        env["ir.filters"].create(
            {
                "name": "Мои заявки Селенги",
                "model_id": "helpdesk.ticket",
                "user_ids": [Command.set(cls.portal_a.ids)],
            }
        )
        as_a = env(user=cls.portal_a, su=True)
        expiration = fields.Datetime.now() + timedelta(days=1)
        as_a["res.users.apikeys"]._generate(None, "Ключ Селенги", expiration)
        if "auth_totp.device" in env:
            as_a["auth_totp.device"]._generate("browser", "Ноутбук Селенги", expiration)
        if "auth_totp.wizard" in env:
            as_a["auth_totp.wizard"].create(
                {"user_id": cls.portal_a.id, "secret": "JBSWY3DPEHPK3PXP"}
            )
        if "auth.passkey.key" in env:
            as_a["auth.passkey.key"].create(
                {
                    "name": "Ключ доступа Селенги",
                    "credential_identifier": "selenga-credential",
                    "public_key": "selenga-public-key",
                }
            )
            as_a["auth.passkey.key.create"].create({"name": "Новый ключ Селенги"})
        as_a["res.users.apikeys.description"].create({"name": "Описание ключа"})
        as_a["res.users.identitycheck"].create({})
        chat = (
            env["discuss.channel"]
            .with_user(cls.engineer)
            ._get_or_create_chat(partners_to=cls.contact_a.ids)
        )
        chat.message_post(
            body="Чат инженера с Селенгой",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        env["discuss.call.history"].create(
            {"channel_id": chat.id, "start_dt": fields.Datetime.now()}
        )

    # ------------------------------------------------------------------

    def test_every_portal_readable_model_is_classified(self):
        unclassified = [
            name
            for name in self.models
            if name not in NOT_CUSTOMER_DATA and not self.records_a[name]
        ]
        self.assertFalse(
            unclassified,
            "Portal users may read these models: create records of customer A "
            "for them in _build_customer_a_world, or list them in "
            "NOT_CUSTOMER_DATA with the reason.",
        )

    def test_other_customer_reads_nothing(self):
        for name in self.models:
            records = self.records_a[name]
            if name in NOT_CUSTOMER_DATA or not records:
                continue
            with self.subTest(model=name):
                self._assert_invisible(self.env[name].with_user(self.portal_b), records)

    def test_related_paths_reveal_nothing(self):
        """Whether a record of another customer exists cannot be learnt
        either, by searching any readable model through a relation to it
        (e.g. SLA clocks by ``ticket_id.partner_id...``)."""
        path = "partner_id.commercial_partner_id"
        for name in self.models:
            Model = self.env[name].with_user(self.portal_b)
            for field in Model._fields.values():
                targets = self.records_a.get(field.comodel_name)
                if not field.relational or not targets:
                    continue
                if not (field.store or field.search):
                    continue
                domains = []
                # A shared record found by the id of one of its x2many lines
                # says only which shared record the line hangs on (a team, a
                # company), nothing of the line: there, only paths count.
                if not (name in NOT_CUSTOMER_DATA and field.type != "many2one"):
                    domains.append([(field.name, "in", targets.ids)])
                if "partner_id" in targets._fields:
                    domains += [
                        [(f"{field.name}.{path}", "=", self.customer_a.id)],
                        [(f"{field.name}.{path}.name", "=", self.customer_a.name)],
                    ]
                for domain in domains:
                    with self.subTest(model=name, domain=domain):
                        found = _unless_refused(Model.search, domain)
                        self.assertFalse(found)

    def test_own_records_stay_readable(self):
        """The walls are not blanket refusals: B reads its own."""
        env_b = self.env(user=self.portal_b)
        self.assertEqual(
            env_b["helpdesk.ticket"].search([]), self.ticket_b.with_env(env_b)
        )
        self.assertEqual(
            env_b["helpdesk.ticket.sla"].search([]).ticket_id,
            self.ticket_b.with_env(env_b),
        )
        self.assertTrue(self.ticket_b.ticket_sla_ids)
        self.assertIn(
            "Вопрос Байкала",
            " ".join(
                env_b["mail.message"]
                .search([("model", "=", "helpdesk.ticket")])
                .mapped("body")
            ),
        )
        self.assertIn(self.sla_all, env_b["helpdesk.sla"].search([]).sudo())

    # ------------------------------------------------------------------

    @mute_logger("odoo.models", "odoo.addons.base.models.ir_rule")
    def _assert_invisible(self, Model, records_a):
        """No read method of ``Model`` (in portal user B's environment)
        answers with any of ``records_a``; refusing to answer is fine."""
        ids_a = set(records_a.ids)
        in_a = [("id", "in", records_a.ids)]

        def leaked(rows):
            return sorted(
                ids_a & {row["id"] if isinstance(row, dict) else row for row in rows}
            )

        def answer(method, *args, **kwargs):
            return _unless_refused(getattr(Model, method), *args, **kwargs)

        self.assertFalse(leaked(answer("search", []).ids), "search")
        self.assertFalse(answer("search", in_a), "search")
        self.assertFalse(
            leaked(answer("search_read", [], ["display_name"])), "search_read"
        )
        self.assertFalse(answer("search_read", in_a, ["display_name"]), "search_read")
        self.assertFalse(answer("search_count", in_a), "search_count")
        self.assertFalse(answer("search_fetch", in_a, ["display_name"]), "search_fetch")
        result = answer("web_search_read", in_a, {"display_name": {}})
        self.assertFalse(result and result["records"], "web_search_read")
        for record in records_a:
            rows = _unless_refused(Model.browse(record.id).read, ["display_name"])
            self.assertFalse(leaked(rows), "read")
            rows = _unless_refused(
                Model.browse(record.id).web_read, {"display_name": {}}
            )
            self.assertFalse(leaked(rows), "web_read")
        groups = answer("formatted_read_group", in_a, aggregates=["__count"])
        self.assertFalse(groups and groups[0]["__count"], "formatted_read_group")
        with warnings.catch_warnings():
            # Deprecated in 19.0, still served over RPC.
            warnings.simplefilter("ignore", DeprecationWarning)
            groups = answer("read_group", in_a, ["__count"], [])
        self.assertFalse(groups and groups[0]["__count"], "read_group")
        if "create_uid" in Model._fields:
            result = answer("web_read_group", in_a, ["create_uid"])
            self.assertFalse(result and result["groups"], "web_read_group")
        for name in {r.display_name for r in records_a.sudo() if r.display_name}:
            found = answer("name_search", name, limit=None)
            self.assertFalse(
                leaked(id_ for id_, _label in found), f"name_search {name!r}"
            )
        found = answer("name_search", "", limit=None)
        self.assertFalse(leaked(id_ for id_, _label in found), "name_search ''")


@tagged("post_install", "-at_install")
class TestPortalRpcIsolationHttp(KonusSupportDataMixin, HttpCase):
    """The same walls through the real JSON-RPC endpoint of the web client,
    on the models helpdesk_mgmt_sla left open (SLA clocks and targets)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.contract_a.write(
            {
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=365),
            }
        )
        cls.team.write({"use_sla": True, "resource_calendar_id": cls.calendar.id})
        cls.sla_vip = cls.env["helpdesk.sla"].create(
            {
                "name": "Selenga VIP response",
                "sla_type": "response",
                "working_hours": 2,
                "team_ids": [Command.set(cls.team.ids)],
                "domain": repr([("commercial_partner_id", "=", cls.customer_a.id)]),
            }
        )
        cls.ticket_a = cls.env["helpdesk.ticket"].create(
            cls._identified_ticket_values(name="Секрет Селенги: касса")
        )

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_sla_clocks_and_targets_of_other_customer(self):
        self.assertTrue(self.ticket_a.ticket_sla_ids)
        self.authenticate("portal-b", "portal-b")
        for domain in (
            [],
            [("ticket_id.partner_id.name", "=", self.contact_a.name)],
            [("ticket_id", "=", self.ticket_a.id)],
        ):
            rows = self._call_kw(
                "helpdesk.ticket.sla",
                "search_read",
                [domain],
                {"fields": ["ticket_id", "deadline", "state"]},
            )
            self.assertEqual(rows, [], domain)
        groups = self._call_kw(
            "helpdesk.ticket.sla",
            "formatted_read_group",
            [[]],
            {"groupby": ["ticket_id"], "aggregates": ["__count"]},
        )
        self.assertEqual(groups, [])
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._call_kw(
                "helpdesk.ticket.sla", "read", [self.ticket_a.ticket_sla_ids.ids]
            )
        names = self._call_kw(
            "helpdesk.sla", "name_search", [], {"name": "Selenga", "limit": None}
        )
        self.assertEqual(names, [])
