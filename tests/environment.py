"""A pytest plugin loaded before Django's settings (``-p tests.environment`` in pyproject.toml).

rabta refuses to start with DEBUG off and no SECRET_KEY (see "Hardening" in settings.py). The
test run is not a deployment: it gets a key of its own, set in the environment so that the
processes tests start (a task worker, the ``rabta`` command) inherit it too.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "rabta-tests-" + secrets.token_urlsafe(40))
