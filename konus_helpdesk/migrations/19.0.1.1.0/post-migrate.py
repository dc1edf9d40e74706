# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.tools import html2plaintext

# The identification request's body and language as 19.0.1.0.0 shipped them
# (the body per language: identification_request.<lang>.html beside this file).
SHIPPED_LANG = "{{ object.partner_id.lang or object.company_id.partner_id.lang }}"
SHIPPED_BODIES = {
    path.name.split(".")[1]: path.read_text(encoding="utf-8")
    for path in Path(__file__).parent.glob("identification_request.*.html")
}


def _text(html):
    """The words of a body, whatever its layout."""
    return "".join(html2plaintext(html or "").split())


def _is_shipped(lang, body):
    # A language the module does not translate got the English text.
    shipped = SHIPPED_BODIES.get(lang, SHIPPED_BODIES["en_US"])
    return _text(body) == _text(shipped)


def reset_shipped_identification_request(env):
    """Take the new shipped text of the identification request (plain fields
    only, the missing items as a list field) in each language where the
    body is still the one shipped before, and the new language expression if
    it was not changed; keep everything the customer changed (the record is
    ``noupdate``)."""
    template = env.ref(
        "konus_helpdesk.mail_template_identification_request",
        raise_if_not_found=False,
    )
    if not template:
        return
    cr = env.cr
    env.flush_all()
    cr.execute(
        "SELECT name, subject, lang, auto_delete, body_html"
        " FROM mail_template WHERE id = %s",
        [template.id],
    )
    name, subject, lang, auto_delete, bodies = cr.fetchone()
    bodies = bodies or {}
    kept = {code: body for code, body in bodies.items() if not _is_shipped(code, body)}
    if len(kept) == len(bodies) and lang != SHIPPED_LANG:
        return
    template.reset_template()
    # reset_template reloads the whole record: put back what this migration
    # does not replace.
    env.flush_all()
    cr.execute(
        "UPDATE mail_template SET name = %s, subject = %s, auto_delete = %s,"
        " lang = CASE WHEN %s THEN lang ELSE %s END,"
        " body_html = body_html || %s::jsonb"
        " WHERE id = %s",
        [
            name and json.dumps(name),
            subject and json.dumps(subject),
            auto_delete,
            lang == SHIPPED_LANG,
            lang,
            json.dumps(kept),
            template.id,
        ],
    )
    template.invalidate_recordset()


def migrate(cr, version):
    reset_shipped_identification_request(api.Environment(cr, SUPERUSER_ID, {}))
