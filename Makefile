# konus_helpdesk — the README's commands. Settings: see README "Configuration".
.PHONY: install run reset test test-dates lint i18n shell stop clean

install:  ## virtualenv + pinned dependencies (Odoo from the machine or ODOO_SRC)
	@tools/konus.sh install

run:  ## local PostgreSQL + database `konus` with demo data + Odoo on :8069
	@tools/konus.sh run

reset:  ## drop the `konus` database; the next `make run` rebuilds it
	@tools/konus.sh reset

test:  ## throw-away database, all konus_helpdesk tests, OCA regression
	@tools/konus.sh test

test-dates:  ## konus_helpdesk tests with the clock moved to 2027 and 2031 (libfaketime)
	@tools/test_on_dates.sh

lint:  ## ruff, ruff-format, pylint-odoo, OCA pre-commit checks, prettier
	@tools/lint.sh

i18n:  ## regenerate konus_helpdesk.pot from the installed addon, merge ru.po
	@tools/konus.sh i18n

shell:  ## odoo shell on the `konus` database
	@tools/konus.sh shell

stop:  ## stop the project's PostgreSQL cluster
	@tools/konus.sh db-stop

clean:  ## stop PostgreSQL and delete databases, filestore and logs (.state/)
	@tools/konus.sh clean
