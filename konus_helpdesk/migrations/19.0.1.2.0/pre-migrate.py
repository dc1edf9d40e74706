# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import sql


def migrate(cr, version):
    _drop_special_day_leaves(cr)
    _drop_support_type_code_constraint(cr)
    _rename_local_deadline_fields(cr)


def _drop_special_day_leaves(cr):
    """Days off and shortened hours were stored as UTC leaves computed from
    the calendar's time zone and attendances on the day they were made; the
    calendar now applies its special days itself, in its current time zone
    and attendances. The special days stay; the leaves made from them go
    (kept, they would take the time off a second time, and at the old
    hours)."""
    if sql.column_exists(cr, "resource_calendar_leaves", "konus_special_day_id"):
        cr.execute(
            "DELETE FROM resource_calendar_leaves "
            "WHERE konus_special_day_id IS NOT NULL"
        )


def _drop_support_type_code_constraint(cr):
    """UNIQUE(code, company_id) did not hold for company-less kinds of
    support; a unique index on (code, COALESCE(company_id, 0)) replaces it."""
    cr.execute(
        "ALTER TABLE konus_support_type "
        "DROP CONSTRAINT IF EXISTS konus_support_type_code_company_uniq"
    )
    cr.execute(
        "DELETE FROM ir_model_constraint "
        "WHERE name = 'konus_support_type_code_company_uniq'"
    )


def _rename_local_deadline_fields(cr):
    """The local deadlines were shown in Ulan-Ude time (``*_ulan_ude``);
    they are now on the wall clock of the ticket's calendar (``*_local``).
    Both are computed, not stored: only this module's views name them, and
    the old views must not be validated against the new models while the
    upgrade loads the new ones."""
    cr.execute(
        """
        UPDATE ir_ui_view v
           SET arch_db = replace(
                   v.arch_db::text, 'deadline_ulan_ude', 'deadline_local'
               )::jsonb
          FROM ir_model_data d
         WHERE d.model = 'ir.ui.view'
           AND d.module = 'konus_helpdesk'
           AND d.res_id = v.id
           AND v.arch_db::text LIKE '%deadline_ulan_ude%'
        """
    )
