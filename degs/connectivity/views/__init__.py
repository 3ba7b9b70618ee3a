"""The connectivity app's pages, one module per part; each module's ``urlpatterns`` is
included by ``degs/connectivity/urls.py``."""
