"""mkdocs-macros module (`module_name: macros` in mkdocs.yml): a thin shim, all the work is
in `carepages.site.macros`."""

from carepages.site.macros import define_env, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
