"""Test settings shared by every folder: a Hypothesis profile for CI."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))  # bug hunting
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# msccite keeps its compiled patterns in a cache on disk (msccite.lazyre): the tests, and the command lines they run,
# keep theirs in a directory of their own, not in the user's cache
if "MSCCITE_CACHE_DIR" not in os.environ:
    os.environ["MSCCITE_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="msccite-test-cache-")
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
