"""The assets app's pages, one module per part; each module's ``urlpatterns`` is
included by ``degs/assets/urls.py``."""
