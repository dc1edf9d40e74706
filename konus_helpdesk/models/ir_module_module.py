# Copyright 2026 Konus (Ulan-Ude)
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.translate import TranslationImporter

from ..tools import oca_translations


class IrModuleModule(models.Model):
    """Imports the translations that complete those of the OCA modules the
    support desk is built on (``konus_helpdesk/i18n_oca``, see
    :mod:`..tools.oca_translations`) wherever Odoo imports translations:
    installing or updating one of those modules or konus_helpdesk, and
    loading or updating a language."""

    _inherit = "ir.module.module"

    def _register_hook(self):
        super()._register_hook()
        oca_translations.install_code_translations()

    def _load_module_terms(self, modules, langs, overwrite=False):
        super()._load_module_terms(modules, langs, overwrite=overwrite)
        completed = oca_translations.translated_modules()
        if "konus_helpdesk" not in modules:
            completed = [name for name in completed if name in modules]
        langs = [lang for lang in langs if lang != "en_US"]
        if not completed or not langs:
            return
        # After the modules' own files, in an importer of their own: with
        # ``overwrite`` these win, without it they only fill what is empty.
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module_name in completed:
            for lang in langs:
                for path in oca_translations.po_paths(module_name, lang):
                    importer.load_file(path, lang)
        importer.save(overwrite=overwrite)
