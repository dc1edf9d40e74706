from . import test_install
from . import test_portal_smoke
from . import test_sla_alerts
from . import test_sla_engine
from . import test_sla_portal
