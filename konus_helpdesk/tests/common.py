# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import new_test_user

# The §4.4 items as the list of missing information names them (English).
CONTRACT = "support contract or certificate number"
ORGANISATION = "organisation name and contact details of the person writing"
PRODUCT = "product or project concerned"
STEPS = "steps that lead to the problem"
QUESTION = "a clearly worded question"
SCREENSHOT = "screenshot of the error (if possible)"


def missing_info(*items):
    """The ``missing_info`` text that lists ``items``."""
    return "\n".join(f"- {item}" for item in items)


def load_russian(env, modules=("konus_helpdesk",)):
    """Russian installed with the modules' translations, as on site: the
    language activated, then the modules' terms imported the way installing
    or updating them does (konus_helpdesk's include those completing
    helpdesk_mgmt's and helpdesk_mgmt_sla's)."""
    env["res.lang"]._activate_lang("ru_RU")
    env["ir.module.module"].search(
        [("name", "in", list(modules))]
    )._update_translations("ru_RU", overwrite=True)


class KonusSupportDataMixin:
    """Two customers of Konus, each with a contract, products and a portal
    user, built by the tests themselves (never from demo data)."""

    @classmethod
    def _setup_support_data(cls):
        env = cls.env
        # The frozen day of a class under freeze_time, else the real one: the
        # contracts below are valid around it on any date the suite runs.
        cls.today = date.today()
        cls.calendar = env["resource.calendar"].create(
            {"name": "Test calendar (Ulan-Ude)", "tz": "Asia/Irkutsk"}
        )
        cls.team = env["helpdesk.ticket.team"].create(
            {"name": "СТП (тест)", "identification_required": True}
        )
        cls.stages = cls.team._get_applicable_stages()
        types = env["konus.support.type"].search([])
        cls.type_consultation = types.filtered(lambda t: t.code == "consultation")
        cls.type_remote = types.filtered(lambda t: t.code == "remote")
        cls.type_onsite = types.filtered(lambda t: t.code == "onsite")
        cls.customer_a, cls.contact_a, cls.portal_a = cls._make_customer(
            "ООО «Тест-Селенга»", "Аюшеева Туяна", "portal-a"
        )
        cls.customer_b, cls.contact_b, cls.portal_b = cls._make_customer(
            "АО «Тест-Байкал»", "Цыренов Баир", "portal-b"
        )
        cls.product_a = env["konus.supported.product"].create(
            {
                "name": "1С:Бухгалтерия (А)",
                "kind": "software",
                "partner_id": cls.customer_a.id,
            }
        )
        cls.product_a_other = env["konus.supported.product"].create(
            {"name": "Сервер (А)", "kind": "hardware", "partner_id": cls.customer_a.id}
        )
        cls.product_b = env["konus.supported.product"].create(
            {
                "name": "АСУ ТП (Б)",
                "kind": "automated_system",
                "partner_id": cls.customer_b.id,
            }
        )
        cls.contract_a = cls._make_contract(
            "ДТП-A-1",
            cls.customer_a,
            cls.product_a,
            cls.type_consultation | cls.type_remote,
        )
        cls.contract_b = cls._make_contract(
            "СТП-B-1", cls.customer_b, cls.product_b, cls.type_consultation
        )
        cls.engineer = new_test_user(
            env,
            login="engineer-t",
            groups="konus_helpdesk.group_support_engineer",
            name="Дондоков Баир",
        )
        cls.head = new_test_user(
            env,
            login="head-t",
            groups="konus_helpdesk.group_support_head",
            name="Руководитель СТП",
        )

    @classmethod
    def _make_customer(cls, name, person, login):
        company = cls.env["res.partner"].create({"name": name, "is_company": True})
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            name=person,
            email=f"{login}@customer.example",
        )
        user.partner_id.parent_id = company
        return company, user.partner_id, user

    @classmethod
    def _contracts_valid_on_any_date(cls):
        """Contracts A and B open-ended from 2000: valid whatever day the
        suite runs, for tests whose clock is not frozen (a portal server
        thread, a browser)."""
        (cls.contract_a | cls.contract_b).write(
            {"date_start": date(2000, 1, 1), "date_end": False}
        )

    @classmethod
    def _make_contract(cls, name, customer, products, types, **values):
        return cls.env["konus.support.contract"].create(
            {
                "name": name,
                "partner_id": customer.id,
                "date_start": cls.today - relativedelta(years=1),
                "date_end": cls.today + relativedelta(years=1),
                "product_ids": [(6, 0, products.ids)],
                "support_type_ids": [(6, 0, types.ids)],
                "calendar_id": cls.calendar.id,
                **values,
            }
        )

    @classmethod
    def _identified_ticket_values(cls, **values):
        return {
            "name": "Не проводится документ",
            "team_id": cls.team.id,
            "partner_id": cls.contact_a.id,
            "contract_id": cls.contract_a.id,
            "supported_product_id": cls.product_a.id,
            "incident_class": "non_critical",
            "description": "<p>Реализация товаров не проводится, ошибка учёта</p>",
            "steps_to_reproduce": "1. Открыть документ 2. Провести",
            **values,
        }
