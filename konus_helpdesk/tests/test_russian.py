# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import re

from lxml import etree

from odoo.tests import HttpCase, TransactionCase, freeze_time, tagged
from odoo.tools.translate import TranslationModuleReader, code_translations

from .common import KonusSupportDataMixin, load_russian

# Latin words that may stay in a Russian screen: abbreviations and names.
LATIN_ALLOWED = {"SLA", "HT", "Font", "Awesome", "fa", "tasks", "cc", "Odoo", "ID"}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
READ_ATTRIBUTES = ("string", "help", "placeholder", "title", "confirm")


def latin_words(text):
    return set(LATIN_WORD.findall(text or "")) - LATIN_ALLOWED


def arch_texts(arch):
    """The strings of a view a user reads: labels, help, placeholders and
    text, without the technical attributes (field names, domains, classes)."""
    root = etree.fromstring(arch)
    texts = []
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag == "attribute" and node.get("name") not in READ_ATTRIBUTES:
            # An inheriting view's technical attribute (widget, optional …).
            continue
        for attribute in READ_ATTRIBUTES:
            if node.get(attribute):
                texts.append(node.get(attribute))
        for text in (node.text, node.tail):
            if text and text.strip() and not text.strip().startswith(("{{", "#")):
                texts.append(text.strip())
    return texts


@tagged("post_install", "-at_install")
@freeze_time("2026-11-25 03:00:00")
class TestRussian(KonusSupportDataMixin, HttpCase):
    """With Russian installed the normal way, a Konus engineer and customer
    read Russian in the helpdesk: ours and that of helpdesk_mgmt and
    helpdesk_mgmt_sla (core Odoo's own labels excepted where the Odoo tree
    ships no Russian)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        load_russian(cls.env)
        cls.ru = cls.env(context=dict(cls.env.context, lang="ru_RU"))
        cls.portal_a.lang = "ru_RU"
        cls.engineer.lang = "ru_RU"

    def assertRussian(self, texts, where):
        english = set().union(*(latin_words(text) for text in texts))
        self.assertFalse(english, f"English in {where}: {sorted(english)}")

    # ------------------------------------------------------------------ menus
    def test_menus(self):
        root = self.env.ref("helpdesk_mgmt.helpdesk_ticket_main_menu")
        menus = self.ru["ir.ui.menu"].search([("id", "child_of", root.id)])
        self.assertGreater(len(menus), 15)
        self.assertRussian(menus.mapped("name"), "the Helpdesk menus")
        expected = {
            "helpdesk_mgmt.helpdesk_ticket_main_menu": "Служба поддержки",
            "helpdesk_mgmt.helpdesk_ticket_dashboard_menu": "Обзор",
            "helpdesk_mgmt.helpdesk_ticket_menu": "Обращения",
            "helpdesk_mgmt.helpdesk_own_ticket_menu": "Мои обращения",
            "helpdesk_mgmt.helpdesk_ticket_reporting_menu": "Отчёты",
            "helpdesk_mgmt.helpdesk_ticket_config_main_menu": "Настройка",
            "helpdesk_mgmt_sla.helpdesk_sla_report_menu": "Отчёт по SLA",
            "konus_helpdesk.menu_phone_request": "Зарегистрировать звонок",
            "konus_helpdesk.menu_special_days_engineer": "Производственный календарь",
        }
        for xmlid, name in expected.items():
            with self.subTest(menu=xmlid):
                self.assertEqual(self.ru.ref(xmlid).name, name)

    def test_engineers_reach_the_special_days_read_only(self):
        menu = self.env.ref("konus_helpdesk.menu_special_days_engineer")
        visible = self.env["ir.ui.menu"].with_user(self.engineer)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        days = self.env["konus.calendar.special.day"].with_user(self.engineer)
        self.assertTrue(days.has_access("read"))
        self.assertFalse(days.has_access("write"))
        self.assertFalse(days.has_access("create"))

    # ----------------------------------------------------------------- stages
    def test_stages_of_the_konus_team(self):
        team = self.ru.ref("konus_helpdesk.team_konus_support")
        self.assertEqual(
            team._get_applicable_stages().mapped("name"),
            [
                "Новое",
                "В работе",
                "Ожидание",
                "Ожидание ответа Пользователя",
                "Решено",
                "Отменено",
                "Отклонено",
            ],
        )
        self.assertEqual(team.name, "Служба технической поддержки")

    def test_no_english_chatter_from_the_install(self):
        """Records shipped as data start with no "… created" line: written
        at install, it would stay in the install's language."""
        shipped = [
            self.env.ref("konus_helpdesk.team_konus_support"),
            self.env.ref("konus_helpdesk.regulation_current"),
            self.env.ref("konus_helpdesk.sla_critical_response"),
            self.env.ref("konus_helpdesk.sla_consultation_resolution"),
        ]
        for record in shipped:
            with self.subTest(record=record):
                self.assertFalse(
                    record.message_ids.filtered(lambda m: "created" in m.body)
                )

    def test_calendars(self):
        self.assertEqual(
            self.env.ref("konus_helpdesk.calendar_ulan_ude").name,
            "Режим работы СТП «Конус», Улан-Удэ (8:30–17:30)",
        )
        self.assertEqual(
            self.env.ref("konus_helpdesk.calendar_24_7").name, "Круглосуточно (24/7)"
        )

    # ---------------------------------------------------------- views, fields
    def test_ticket_views(self):
        Ticket = self.ru["helpdesk.ticket"].with_user(self.engineer)
        result = Ticket.get_views(
            [(False, "list"), (False, "form"), (False, "search"), (False, "kanban")]
        )
        for view_type, view in result["views"].items():
            with self.subTest(view=view_type):
                self.assertRussian(arch_texts(view["arch"]), f"the {view_type} view")
        fields = result["models"]["helpdesk.ticket"]["fields"]
        shown = {
            name: description
            for name, description in fields.items()
            if any(
                f'name="{name}"' in view["arch"] for view in result["views"].values()
            )
        }
        self.assertRussian(
            [d["string"] for d in shown.values()], "the ticket's field labels"
        )
        form = result["views"]["form"]["arch"]
        for russian in ("Назначить мне", "Прочие сведения", "Идентификация (п. 4.4)"):
            self.assertIn(russian, form)
        labels = {name: d["string"] for name, d in fields.items()}
        self.assertEqual(labels["stage_id"], "Этап")
        self.assertEqual(labels["user_id"], "Исполнитель")
        self.assertEqual(labels["team_id"], "Команда")
        self.assertEqual(labels["sla_deadline"], "Срок SLA")
        self.assertEqual(labels["priority"], "Приоритет")

    def test_sla_views(self):
        for model in ("helpdesk.ticket.sla", "helpdesk.sla"):
            result = self.ru[model].get_views([(False, "list"), (False, "form")])
            for view_type, view in result["views"].items():
                with self.subTest(model=model, view=view_type):
                    self.assertRussian(arch_texts(view["arch"]), f"{model} {view_type}")

    def test_selection_labels(self):
        def labels(model, field):
            return dict(self.ru[model]._fields[field]._description_selection(self.ru))

        self.assertEqual(
            labels("helpdesk.ticket", "priority"),
            {"0": "Низкий", "1": "Средний", "2": "Высокий", "3": "Очень высокий"},
        )
        self.assertEqual(
            labels("helpdesk.ticket", "incident_class")["critical"],
            "Критический инцидент",
        )
        sla_states = labels("helpdesk.ticket.sla", "state")
        self.assertEqual(sla_states["in_progress"], "Идёт отсчёт")
        self.assertEqual(sla_states["accomplished"], "Выполнен")
        for model, field in (
            ("helpdesk.ticket", "kanban_state"),
            ("helpdesk.ticket", "identification_state"),
            ("helpdesk.ticket.sla", "state"),
            ("helpdesk.sla.report", "state"),
        ):
            with self.subTest(field=f"{model}.{field}"):
                self.assertRussian(labels(model, field).values(), f"{model}.{field}")

    def test_code_translations_of_helpdesk_mgmt(self):
        """Messages written in helpdesk_mgmt's Python and JavaScript."""
        python = code_translations.get_python_translations("helpdesk_mgmt", "ru_RU")
        self.assertEqual(python["No Subject"], "Без темы")
        self.assertEqual(python["Newest"], "Сначала новые")
        web = code_translations.get_web_translations("helpdesk_mgmt", "ru_RU")
        self.assertIn(
            "Размер выбранного файла (%sБ) больше допустимого (%sБ).",
            [message["string"] for message in web["messages"]],
        )
        ticket = self.ru["helpdesk.ticket"].message_new(
            {"from": self.contact_a.email, "body": "<p>Вопрос</p>"},
            {"team_id": self.team.id},
        )
        self.assertEqual(ticket.name, "Без темы")

    # ---------------------------------------------------------------- portal
    def test_portal_in_russian(self):
        ticket = self.env["helpdesk.ticket"].create(
            self._identified_ticket_values(
                stage_id=self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id
            )
        )
        self.authenticate("portal-a", "portal-a")
        english = (
            "Send a new ticket",
            "Submit Ticket",
            "Communication history",
            "Tickets in stage",
            "Newest",
            "Last Stage Update",
            "Search in",
            "Closed Date",
            "Create Date",
            "Done",
            "Identification",
            "Contract or certificate",
        )
        pages = {
            "/my/tickets": (
                "Обращения",
                "Сначала новые",
                "Искать по номеру",
                "Последняя смена этапа",
                "Дата закрытия",
                "Решено",
            ),
            "/new/ticket": (
                "Отправить новое обращение",
                "Договор или сертификат",
                "Отправить обращение",
            ),
            f"/my/ticket/{ticket.id}": ("История переписки", "Решено"),
        }
        for url, russian in pages.items():
            with self.subTest(url=url):
                page = self.url_open(url)
                self.assertEqual(page.status_code, 200)
                for text in russian:
                    self.assertIn(text, page.text)
                for text in english:
                    self.assertNotIn(text, page.text)


# The modules whose screens the sweep reads: ours and the OCA helpdesk.
SWEPT_MODULES = ("konus_helpdesk", "helpdesk_mgmt", "helpdesk_mgmt_sla")
SWEPT_VIEW_TYPES = ("form", "list", "search", "graph", "pivot", "kanban")


def module_has_russian(name):
    """Whether the module ships Russian on this machine (its own ru.po, or
    the one konus_helpdesk completes it with)."""
    from odoo.modules.module import get_module_path

    path = get_module_path(name)
    return bool(path) and any(
        os.path.exists(os.path.join(root, "ru.po"))
        for root in (
            os.path.join(path, "i18n"),
            os.path.join(get_module_path("konus_helpdesk"), "i18n_oca", name),
        )
    )


# Beyond LATIN_ALLOWED, in the sweep: names of file formats and channels.
SWEEP_ALLOWED = {
    "PDF",  # the regulation's signed copy is a PDF file
    "SMS",  # core mail's "SMS" counters, an abbreviation in Russian too
}
EXAMPLE_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|ru|group|example)\b")


def sweep_words(text):
    """Latin words of ``text``, example domain names (placeholders such as
    «mycompany.com») and allowed abbreviations left aside."""
    return latin_words(EXAMPLE_DOMAIN.sub(" ", text or "")) - SWEEP_ALLOWED


@tagged("post_install", "-at_install")
class TestRussianSweep(KonusSupportDataMixin, TransactionCase):
    """Every screen of konus_helpdesk, helpdesk_mgmt and helpdesk_mgmt_sla,
    enumerated at run time, read in Russian: the strings of each view
    (form, list, search, graph, pivot, kanban — including the default
    titles of graphs and pivots), the labels of the fields each one shows,
    and the names of their menus and actions. A Latin word is allowed only
    for a reason: an abbreviation or a name (LATIN_ALLOWED), or a label
    of a core Odoo module for which the Odoo tree on this machine ships
    no Russian (it ships zh_CN only for its core addons)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_support_data()
        load_russian(cls.env, SWEPT_MODULES)
        cls.head.lang = "ru_RU"
        cls.ru = cls.env(context=dict(cls.env.context, lang="ru_RU"))
        data = cls.env["ir.model.data"].search([("module", "in", SWEPT_MODULES)])
        cls.ours = {}
        for row in data:
            cls.ours.setdefault(row.model, set()).add(row.res_id)

    def _records(self, model):
        return self.ru[model].browse(sorted(self.ours.get(model, ())))

    def _label_excused(self, model, name):
        """A label (or selection) a field takes from core Odoo — the field
        itself or the one it is inherited from (``_inherits``, e.g. the
        alias fields of a team come from ``mail.alias``) — from modules none
        of which has Russian on this machine."""
        base = self.env[model]._fields[name].base_field
        field = self.env["ir.model.fields"]._get(base.model_name, base.name)
        modules = set(
            self.env["ir.model.data"]
            .search([("model", "=", "ir.model.fields"), ("res_id", "=", field.id)])
            .mapped("module")
        )
        return not (modules & set(SWEPT_MODULES)) and not any(
            module_has_russian(module) for module in modules
        )

    def _view_excused(self, view_id):
        """A view of core Odoo modules none of which has Russian on this
        machine (e.g. the settings form an action of helpdesk_mgmt opens);
        never a default view Odoo builds, titled with the model's
        description."""
        modules = set(
            self.env["ir.model.data"]
            .search([("model", "=", "ir.ui.view"), ("res_id", "=", view_id)])
            .mapped("module")
        )
        return bool(view_id) and not any(
            module in SWEPT_MODULES or module_has_russian(module) for module in modules
        )

    def test_views_fields_menus_and_actions_are_russian(self):
        found = {}
        views = self._records("ir.ui.view").filtered(
            lambda v: v.type in SWEPT_VIEW_TYPES
        )
        self.assertGreater(len(views), 40)
        head = self.head
        for view in views:
            where = f"view {view.xml_id or view.name}"
            english = set().union(set(), *map(sweep_words, arch_texts(view.arch_db)))
            if english:
                found[where] = english
            if view.mode != "primary" or view.inherit_id:
                continue
            result = (
                self.ru[view.model].with_user(head).get_views([(view.id, view.type)])
            )
            # The fields the view shows with their own label (a label the
            # view sets is one of its strings, checked above).
            arch = etree.fromstring(result["views"][view.type]["arch"])
            shown = {
                node.get("name")
                for node in arch.iter("field")
                if not node.get("string")
            }
            for model, description in result["models"].items():
                for name, field in description["fields"].items():
                    if name not in shown or self._label_excused(model, name):
                        continue
                    texts = [field.get("string")] + [
                        label for _value, label in field.get("selection") or ()
                    ]
                    words = set().union(*map(sweep_words, texts))
                    if words:
                        found[f"field {model}.{name} ({where})"] = words
        # The title of each screen an action opens — a view of ours, or the
        # default view Odoo builds where a module ships none (a graph or a
        # pivot titled with the model's description).
        for action in self._records("ir.actions.act_window"):
            modes = [m for m in action.view_mode.split(",") if m in SWEPT_VIEW_TYPES]
            given = {v.view_mode: v.view_id.id for v in action.view_ids}
            if action.view_id:
                given.setdefault(action.view_id.type, action.view_id.id)
            if action.search_view_id:
                given.setdefault("search", action.search_view_id.id)
            result = self.ru[action.res_model].get_views(
                [(given.get(mode, False), mode) for mode in modes]
            )
            for mode, view in result["views"].items():
                title = etree.fromstring(view["arch"]).get("string")
                words = sweep_words(title)
                if words and not self._view_excused(view["id"]):
                    found[f"{mode} title of {action.xml_id}"] = words
        for model in (
            "ir.ui.menu",
            "ir.actions.act_window",
            "ir.actions.server",
            "ir.actions.report",
            "ir.actions.client",
        ):
            for record in self._records(model):
                words = sweep_words(record.name)
                if words:
                    found[f"{model} {record.xml_id}"] = words
        report = "\n".join(
            f"{where}: {sorted(words)}" for where, words in sorted(found.items())
        )
        self.assertFalse(found, f"English left in Russian screens:\n{report}")

    def test_every_term_of_the_addon_is_translated(self):
        """Every string of konus_helpdesk — code messages, fields, views,
        templates, data — has its Russian in ru.po."""
        reader = TranslationModuleReader(
            self.env.cr, modules=["konus_helpdesk"], lang="ru_RU"
        )
        untranslated = [
            f"{kind} {name}: {source[:60]!r}"
            for module, kind, name, _res_id, source, value, _comments in reader
            if module == "konus_helpdesk" and not value
        ]
        self.assertFalse(untranslated, "\n".join(untranslated))
