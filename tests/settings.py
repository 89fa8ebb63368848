"""Settings of the test suite: the product's settings, served over plain HTTP, fast hashing.

The test client and the browser tests' live server speak plain HTTP, so HTTPS redirects and
secure-only cookies are switched off the documented way (LUOSHI_HTTPS=0); tests that check the
production defaults run ``luoshi`` in a subprocess with the production environment.
"""

import os

os.environ.setdefault("LUOSHI_HTTPS", "0")
os.environ.setdefault("LUOSHI_SECRET_KEY", "tests-only-" + "k" * 60)

from luoshi.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
