"""Search that costs a reader nothing until they search.

Material loads the whole search index and starts its search worker on every page, as the
page loads: beyond a few hundred pages the index is most of what a page transfers. Here the
built site's copy of Material's script waits for the reader to show they want to search
(focus or click on the search box, or its keyboard shortcut: each opens Material's search
toggle) before it loads the index (search_index.json over http, search_index.js from
file://) and starts the worker. A page opened from a search result (`?h=` in its address,
for search.highlight) loads the index at once, as before.

The change is two exact replacements in Material's pinned bundle (mkdocs-material 9.8.1,
requirements.lock). Each must find its code exactly once; if Material's code differs, the
build stops and says so rather than publish a search that never starts.
"""

from __future__ import annotations

from pathlib import Path

MATERIAL_VERSION = "9.8.1"
BUNDLES = "assets/javascripts/bundle.*.min.js"

# The index: `ks()` fetches it; Material subscribes as the page loads. Now it is fetched
# once, the first time the search toggle opens (or at once with `?h=`): merge(of(h), the
# toggle) | first(true) | switchMap(fetch) | shareReplay(1), with the bundle's own
# operators (L merge, $ of, Je the toggle, Re first, b switchMap, Z shareReplay).
_INDEX = (
    'zi=document.forms.namedItem("search")?ks():tt',
    'zi=document.forms.namedItem("search")?L($(new URLSearchParams(location.search).has("h")),'
    'Je("search")).pipe(Re(o=>o),b(()=>ks()),Z(1)):tt',
)
# The worker: `Mn(url, worker)` talks to any object with a Worker's postMessage and
# add/removeEventListener; this one starts the real Worker (the iframe-worker shim's, from
# file://) at the first message, which Material sends when the index has arrived.
_WORKER = (
    "function Ei(e,t){let r=Mn(e);",
    "function cpLazyWorker(u){let w,l=[];return{"
    "addEventListener(...a){l.push(a),w&&w.addEventListener(...a)},"
    "removeEventListener(...a){l=l.filter(([t,f])=>t!==a[0]||f!==a[1]),"
    "w&&w.removeEventListener(...a)},"
    "postMessage(m){if(!w){w=new Worker(u);for(let a of l)w.addEventListener(...a)}"
    "w.postMessage(m)}}}"
    "function Ei(e,t){let r=Mn(e,cpLazyWorker(e));",
)
PATCHES = (_INDEX, _WORKER)


class LazySearchError(Exception):
    pass


def patch_bundle(text: str, shown: str) -> str:
    """Material's bundle with search loaded on first use (a bundle already patched is
    returned as it is)."""
    if all(new in text for _, new in PATCHES):
        return text
    for old, _ in PATCHES:
        if text.count(old) != 1:
            raise LazySearchError(
                f"{shown} is not the mkdocs-material {MATERIAL_VERSION} code carepages knows "
                "how to make load search on first use: install the pinned versions "
                "(`make venv`, requirements.lock) and build again"
            )
    for old, new in PATCHES:
        text = text.replace(old, new)
    return text


def lazy_search(site_dir: Path) -> int:
    """Patch every copy of Material's bundle in the built site; returns how many."""
    paths = sorted(site_dir.glob(BUNDLES))
    for path in paths:
        text = path.read_text("utf-8")
        patched = patch_bundle(text, path.relative_to(site_dir).as_posix())
        if patched != text:
            path.write_text(patched, "utf-8")
    return len(paths)
