"""The REST API at /api/, OpenAPI docs at /api/docs. Every endpoint is scoped like the pages."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from degs.accounts.api import router as accounts_router
from degs.applications.api import public_router as certificates_router
from degs.applications.api import router as applications_router
from degs.catalogue.api import router as catalogue_router
from degs.centres.api import router as centres_router
from degs.core.api import DegsAPI
from degs.core.api_auth import SessionAuth, TokenAuth
from degs.core.exceptions import ApplicationError
from degs.directory.api import router as directory_router
from degs.reviews.api import router as reviews_router

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
api.add_router("/accounts/", accounts_router)
api.add_router("/directory/", directory_router)
api.add_router("/reviews/", reviews_router)
api.add_router("/centres/", centres_router)
api.add_router("/catalogue/", catalogue_router)
api.add_router("/applications/", applications_router)
api.add_router("/certificates/", certificates_router)


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
        {"detail": _("The request has invalid values."), "errors": exc.message_dict},
        status=422,
    )
