"""The project's settings with the bench's URLconf (``bench/connectivity_urls.py``): what the
gunicorn of ``bench/connectivity_scale.py`` runs with, so the hello-world view exists only there."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.connectivity_urls"
