"""The theme rendered: its Jinja2 environment and runtime files, and the pages it renders."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

from ..targets import REGISTRY
from ..theme import catalogues, theme_dir
from .brand import Brand, render_brand
from .compiled import bytecode_cache as _bytecode_cache
from .plural import say

# What only the xAPI runtime says (the State document's and the statement queue's messages,
# cmi5's return to the LMS): a package that sends no statement (SCORM without an `xapi.endpoint`)
# leaves them out of its index.html. A test finds each key in the xAPI scripts alone.
XAPI_ONLY_STRINGS = frozenset(
    {"save_unconfirmed", "save_unreachable", "save_elsewhere", "return_to_lms"}
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment, compiled once per process (and cached between runs)."""
    # jinja2 loads here, not with the module: `validate` reads the catalogues, renders nothing.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(theme_dir())),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `tojson` writes the runtime config: NaN or Infinity there is not JSON [RFC 8259 §6] and
    # stops the player at launch, so writing one is an error, never a package. No spaces: the
    # config is in index.html's head, whose size delays the first paint of a long course.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "allow_nan": False,
        "separators": (",", ":"),
    }
    env.globals["say"] = say
    return env


def render_body(safe_view: dict[str, Any], brand: Brand | None = None) -> str:
    """The course's <body>, rendered once for all targets, from a view passed by `mark_safe`
    (with the built-in brand unless given the course's)."""
    template = environment().get_template("body.html.j2")
    brand = brand or render_brand(safe_view)
    return template.render(view=safe_view, t=catalogues(), brand=brand)


def render_pages(safe_view: dict[str, Any], brand: Brand | None = None) -> dict[str, str]:
    """The page files of the modules index.html does not hold, by package path, and the table
    of contents that lists every module (``view.contents``) when there are any."""
    template = environment().get_template("page.html.j2")
    catalogue = catalogues()
    brand = brand or render_brand(safe_view)
    files = {
        m["src"]: template.render(view=safe_view, m=m, t=catalogue, brand=brand)
        for m in safe_view["modules"]
        if not m["inline"]
    }
    files.update(_question_files(safe_view, catalogue))
    if safe_view["contents"]:
        contents = environment().get_template("contents.html.j2")
        files[safe_view["contents"]] = contents.render(view=safe_view, t=catalogue, brand=brand)
    return files


def _question_files(safe_view: dict[str, Any], catalogue: Any) -> dict[str, str]:
    """Each question of a split pool (``question_files``, view.py) as a file of its own."""
    template = environment().get_template("question.html.j2")
    files: dict[str, str] = {}
    for m in safe_view["modules"]:
        folder = m.get("assessment", {}).get("question_files")
        for q in m["assessment"]["questions"] if folder else ():
            page = template.render(view=safe_view, m=m, q=q, t=catalogue)
            files[f"{folder}{q['id']}.html"] = page
    return files


def render_index(
    safe_view: dict[str, Any], config: dict[str, Any], body: str, brand: Brand | None = None
) -> str:
    """One package's index.html: the target's head (config, adapters) around the shared body."""
    from markupsafe import Markup

    template = environment().get_template("index.html.j2")
    target = REGISTRY[config["target"]]
    strings = catalogues()
    left_out = frozenset() if "xapi" in config else XAPI_ONLY_STRINGS
    cats = {
        lang: {key: text for key, text in strings[lang].items() if key not in left_out}
        for lang in safe_view["languages"]
    }
    return template.render(
        view=safe_view,
        config=config,
        target=target,
        body=Markup(body),
        t=strings,
        cats=cats,
        brand=brand or render_brand(safe_view),
    )
