# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
def migrate(cr, version):
    _drop_support_type_code_constraint(cr)


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
