"""The app registry: what each DeGS app brings to the central places of the project.

An app's ``apps.py`` subclasses :class:`DegsAppConfig` and declares, as class attributes, its
menu entries, sections, capabilities and roles, its URLs and API router, its demo loader, its
part of the home page, its scope-test entries and its import kinds. The menu, ``config/urls.py``,
``config/api.py``, the navigation flags, the roles' capabilities, ``load_demo``, the import
kinds, the home page and the jurisdiction tests read them from here, so adding an app needs its
own folder and one line in ``INSTALLED_APPS`` (see "Adding an app" in docs/architecture.md).

Core imports no domain app: everything here is named by dotted path and imported when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.apps import AppConfig, apps
from django.utils.functional import Promise
from django.utils.module_loading import import_string

Label = Promise | str


@dataclass(frozen=True)
class MenuEntry:
    """One link of the top menu. ``section`` names the section (see ``DegsAppConfig.sections``)
    the user must be able to open to see it; ``None`` shows it to every signed-in user.
    Entries with the same ``group`` are drawn as one drop-down, placed at its first entry's
    ``order``. ``unless_section`` shows the entry only to users who may *not* open that section
    (a shorter menu for them: "My directives" alone instead of the directives' drop-down)."""

    label: Label
    url_name: str
    section: str | None = None
    group: Label | None = None
    order: int = 100
    unless_section: str | None = None


@dataclass(frozen=True)
class CapabilityDef:
    """A capability an app declares: ``name`` is its attribute on
    ``degs.core.permissions.Capability`` (``DIRECTORY_VIEW``), ``code`` the value stored and
    checked (``"directory.view"``; never changes), ``label`` what the role pages show."""

    name: str
    code: str
    label: Label


@dataclass(frozen=True)
class RoleDef:
    """A role an app declares (the accounts app declares the project's roles). ``everything``
    gives the role every capability any app declares (the state and district administrators)."""

    name: str
    code: str
    label: Label
    everything: bool = False


class DegsAppConfig(AppConfig):
    """The base of every DeGS app's AppConfig. Every attribute is optional."""

    # Django takes the one AppConfig subclass of an app's apps.py: not this base, imported
    # there, but the app's own (each subclass is the default unless it says otherwise).
    default = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "default" not in cls.__dict__:
            cls.default = True

    # The top menu: this app's links.
    menu: ClassVar[tuple[MenuEntry, ...]] = ()
    # Section name -> the capabilities that open it (a user needs any one of them).
    sections: ClassVar[dict[str, frozenset[str]]] = {}
    # The app's capabilities and roles.
    capabilities: ClassVar[tuple[CapabilityDef, ...]] = ()
    roles: ClassVar[tuple[RoleDef, ...]] = ()
    # Role code -> the capabilities of this app (or any app) the role carries.
    role_capabilities: ClassVar[dict[str, frozenset[str]]] = {}
    # Page URLs: "degs.x.urls" included at url_prefix ("x/"); extra_urls for more modules
    # (prefix, dotted module), e.g. a public part at its own address.
    urls: ClassVar[str | None] = None
    url_prefix: ClassVar[str] = ""
    extra_urls: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The API: "degs.x.api.router" added at api_prefix ("/x/"); extra_api_routers likewise.
    api_router: ClassVar[str | None] = None
    api_prefix: ClassVar[str] = ""
    extra_api_routers: ClassVar[tuple[tuple[str, str], ...]] = ()
    # The demo: a callable "degs.x.demo.load" returning the lines load_demo prints, run after
    # the demo loaders of the apps (labels) in demo_after.
    demo_loader: ClassVar[str | None] = None
    demo_after: ClassVar[tuple[str, ...]] = ()
    # The home page: a callable (request) -> dict | None of this app's block.
    home_section: ClassVar[str | None] = None
    # The jurisdiction tests: a dotted module with SCOPED_MODELS, SCOPED_URLS, NOT_AREA_BOUND,
    # PUBLIC_URLS (any it has) that tests/scope_registry.py collects.
    scope_tests: ClassVar[str | None] = None
    # The import framework: dotted paths to ImportKind objects.
    import_kinds: ClassVar[tuple[str, ...]] = ()
    # The figures this app counts from its own rows: dotted paths to FigureSource objects
    # (degs.core.figures), stored by the indicators app as computed data elements.
    figure_sources: ClassVar[tuple[str, ...]] = ()
    # What this app does for apps before it, which may not import it: a name another app asks
    # for (``provided("fines.post")``) -> the dotted path of the callable that does it. An app
    # lower in INSTALLED_APPS reaches a later one only this way (see docs/architecture.md).
    provides: ClassVar[dict[str, str]] = {}


def degs_apps() -> list[DegsAppConfig]:
    """The DeGS apps, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, DegsAppConfig)]


def degs_app(label: str) -> DegsAppConfig:
    config = apps.get_app_config(label)
    if not isinstance(config, DegsAppConfig):
        raise LookupError(f"{label} is not a DeGS app")
    return config


def load(dotted: str) -> Any:
    """The object a registry attribute names."""
    return import_string(dotted)


@dataclass
class MenuItem:
    """One item of the drawn menu: a link (``url_name`` set) or a drop-down (``entries``)."""

    label: Label
    url_name: str = ""
    entries: list[MenuEntry] = field(default_factory=list)


def menu_entries() -> list[MenuEntry]:
    entries = [entry for config in degs_apps() for entry in config.menu]
    return sorted(entries, key=lambda entry: entry.order)  # stable: declaration order stays


def menu_for(may_open: Callable[[str], bool]) -> list[MenuItem]:
    """The menu a user sees, given which sections they may open."""
    items: list[MenuItem] = []
    groups: dict[str, MenuItem] = {}
    for entry in menu_entries():
        if entry.section is not None and not may_open(entry.section):
            continue
        if entry.unless_section is not None and may_open(entry.unless_section):
            continue
        if entry.group is None:
            items.append(MenuItem(label=entry.label, url_name=entry.url_name))
            continue
        key = str(entry.group)
        if key not in groups:
            groups[key] = MenuItem(label=entry.group)
            items.append(groups[key])
        groups[key].entries.append(entry)
    return items


def all_sections() -> dict[str, frozenset[str]]:
    """Every section any app declares, with the capabilities that open it."""
    result: dict[str, frozenset[str]] = {}
    for config in degs_apps():
        for name, capabilities in config.sections.items():
            result[name] = result.get(name, frozenset()) | capabilities
    return result


def demo_loaders() -> list[tuple[str, Callable[[], Iterable[str]]]]:
    """The apps' demo loaders, each after the apps it names in ``demo_after``; otherwise in
    INSTALLED_APPS order."""
    pending = [config for config in degs_apps() if config.demo_loader]
    labels = {config.label for config in pending}
    done: set[str] = set()
    ordered: list[tuple[str, Callable[[], Iterable[str]]]] = []
    while pending:
        for config in pending:
            if all(after in done or after not in labels for after in config.demo_after):
                ordered.append((config.label, load(config.demo_loader or "")))
                done.add(config.label)
                pending.remove(config)
                break
        else:
            names = ", ".join(config.label for config in pending)
            raise RuntimeError(f"The demo loaders wait on each other: {names}")
    return ordered


def provided(name: str) -> Callable[..., Any] | None:
    """The callable an installed app provides under ``name``, or None when no app does.

    This is how an app calls one that comes after it in INSTALLED_APPS (the centres app posts
    an inspection's fine to the user-charge ledger of the applications app) without importing
    it: the dependency stays one way, and the app that keeps the ledger says so in its config.
    Two apps providing one name is a mistake in the configuration and is refused.
    """
    found = [config for config in degs_apps() if name in config.provides]
    if len(found) > 1:
        labels = ", ".join(config.label for config in found)
        raise RuntimeError(f"{name} is provided by more than one app: {labels}")
    return load(found[0].provides[name]) if found else None


def scope_test_modules() -> list[Any]:
    return [load_module(config.scope_tests) for config in degs_apps() if config.scope_tests]


def load_module(dotted: str) -> Any:
    from importlib import import_module

    return import_module(dotted)
