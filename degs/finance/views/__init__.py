"""The finance app's pages, one module per part; each module's ``urlpatterns`` is
included by ``degs/finance/urls.py``."""
