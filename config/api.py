"""The REST API at /api/, OpenAPI docs at /api/docs. Every endpoint is scoped like the pages."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from degs.accounts.api_auth import TokenAuth
from degs.core.api import DegsAPI
from degs.core.api_auth import SessionAuth
from degs.core.exceptions import ApplicationError
from degs.core.registry import degs_apps, load

api = DegsAPI(
    title="DeGS Suite API",
    version="1",
    description=(
        "Read and act on a District e-Governance Society's data. Authenticate with the browser "
        "session or with `Authorization: Bearer <token>` (tokens are issued on the profile page). "
        "Objects outside your areas answer 404, exactly like objects that do not exist."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)
# Each app's router, at the prefix its AppConfig declares (degs.core.registry).
for config in degs_apps():
    if config.api_router:
        api.add_router(config.api_prefix, load(config.api_router))
    for prefix, router in config.extra_api_routers:
        api.add_router(prefix, load(router))


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    body: dict[str, object] = {"detail": str(exc.message)}
    if "errors" in exc.extra:  # a refused form: each field's messages
        body["errors"] = exc.extra["errors"]
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(SuspiciousOperation)
def refused_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return api.create_response(
            request,
            {
                "detail": _("The request is too large: send at most %(size)s.")
                % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
            },
            status=413,
        )
    return api.create_response(request, {"detail": _("The request could not be read.")}, status=400)


@api.exception_handler(HttpError)
def refused_by_ninja(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Ninja's own refusals (a body that is not JSON, a session write without the CSRF
    token), in the caller's language like every other error."""
    messages = {
        400: _("The request could not be read: send the body as JSON."),
        403: _("Send the CSRF token with a signed-in session, or use an API token."),
    }
    detail = messages.get(exc.status_code, str(exc))
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("Sign in or send a valid API token.")},
        status=401,
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": _("The request has invalid values."), "errors": exc.errors},
        status=422,
    )


@api.exception_handler(ValidationError)
def invalid_model(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": _("The request has invalid values."),
            # a refusal not tied to a field (a payment beyond a head's balance) under "__all__"
            "errors": exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages},
        },
        status=422,
    )
