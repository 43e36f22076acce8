"""Settings for the test suite: the normal settings in test mode."""

import os

os.environ["TRAJECT_ENV"] = "test"

from .settings import *  # noqa: E402, F403
