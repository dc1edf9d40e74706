# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Translations that complete those of the OCA modules we build on.

``konus_helpdesk/i18n_oca/<module>/<lang>.po`` holds, for a module such as
``helpdesk_mgmt``, a complete translation file in the exact form of that
module's own ``i18n/<lang>.po`` (same entries, same references), so that it
can be contributed upstream as it is. Odoo reads a module's translations from
two places, and both are completed here:

- model and view terms (menus, stages, fields, selections, views, portal
  templates, mail templates) are imported by external id from any .po file:
  ``ir.module.module._load_module_terms`` imports these files after the
  module's own (see ``models/ir_module_module.py``), on install, on ``-u``
  and on a language (re)load;
- code terms (``_()`` / ``env._()`` in Python, ``_t()`` in JavaScript) are
  read at run time from the module's own i18n directory only:
  :func:`install_code_translations` makes that lookup read these files too,
  after the module's own, so that they win where both translate a term.

The code lookup is process-wide (Odoo keeps code translations per process,
not per database): it is installed when a registry with konus_helpdesk
loads, and only adds translations of the modules that have a directory here.
"""

import logging
import os
from contextlib import suppress

from odoo.tools import file_open, file_path
from odoo.tools.translate import CodeTranslations, code_translations, get_base_langs

_logger = logging.getLogger(__name__)

ROOT = "konus_helpdesk/i18n_oca"


def translated_modules():
    """The modules whose translations are completed here."""
    root = file_path(ROOT)
    return sorted(
        name for name in os.listdir(root) if os.path.isdir(os.path.join(root, name))
    )


def po_paths(module_name, lang):
    """The completing .po files of ``module_name`` for ``lang``, in the
    order Odoo reads a module's own (base language first: ru, then ru_RU)."""
    for base_lang in get_base_langs(lang):
        with suppress(FileNotFoundError):
            yield file_path(f"{ROOT}/{module_name}/{base_lang}.po")


def _get_code_translations(module_name, lang, filter_func):
    translations = _get_code_translations.original(module_name, lang, filter_func)
    for path in po_paths(module_name, lang):
        with file_open(path, mode="rb") as fileobj:
            translations.update(
                CodeTranslations._read_code_translations_file(fileobj, filter_func)
            )
    return translations


def install_code_translations():
    """Make Odoo's code-translation lookup read the completing files too.
    Idempotent; forgets what was already read for the completed modules."""
    if getattr(CodeTranslations._get_code_translations, "original", None):
        return
    _get_code_translations.original = CodeTranslations._get_code_translations
    CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
    modules = set(translated_modules())
    for cache in (
        code_translations.python_translations,
        code_translations.web_translations,
    ):
        for key in [key for key in cache if key[0] in modules]:
            del cache[key]
    _logger.info("Code translations of %s completed from %s", sorted(modules), ROOT)
