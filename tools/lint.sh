#!/usr/bin/env bash
# `make lint`: the checks of OCA's pre-commit template for 19.0, run from
# PyPI/npm packages (pre-commit itself cannot clone hook repositories here).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VENV=${VENV:-$ROOT/.venv}
"$ROOT/tools/konus.sh" install
"$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt
if [ ! -x tools/lint/node_modules/.bin/prettier ]; then
    (cd tools/lint && npm install --silent --no-audit --no-fund >/dev/null)
fi
rc=0
step() { printf '\033[1m==> %s\033[0m\n' "$1"; shift; "$@" || rc=1; }
PY_FILES=$(git ls-files --cached --others --exclude-standard '*.py')
XML_FILES=$(git ls-files --cached --others --exclude-standard '*.xml')
step "ruff" "$VENV/bin/ruff" check --no-fix $PY_FILES
step "ruff format" "$VENV/bin/ruff" format --check $PY_FILES
step "pylint-odoo (mandatory set)" "$VENV/bin/pylint" --rcfile=.pylintrc konus_helpdesk
step "OCA odoo-module checks" "$VENV/bin/oca-checks-odoo-module" konus_helpdesk/__manifest__.py
step "OCA po checks" "$VENV/bin/oca-checks-po" konus_helpdesk/i18n/*.po konus_helpdesk/i18n/*.pot konus_helpdesk/i18n_oca/*/*.po
step "prettier (XML)" tools/lint/node_modules/.bin/prettier --config .prettierrc.yml \
    --plugin="$ROOT/tools/lint/node_modules/@prettier/plugin-xml/src/plugin.js" --check $XML_FILES
[ $rc = 0 ] && echo "lint: clean" || echo "lint: problems above (fix: ruff format; prettier --write)"
exit $rc
