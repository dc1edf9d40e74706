from . import test_install
from . import test_portal_smoke
from . import test_identification_checklist
from . import test_support_contract
from . import test_ticket_entitlement
from . import test_support_security
from . import test_portal_request
