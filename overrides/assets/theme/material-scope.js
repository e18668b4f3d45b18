/* Material for MkDocs' page bootstrap, loaded as a file instead of an inline script so that
   the Content-Security-Policy needs no 'unsafe-inline'. Material computed the site root as
   new URL(base_url, location); this file sits in <site>/assets/theme/, so two folders up
   from its own address is the same root on every page, from file:// and from a server. */
__md_scope = new URL("../..", document.currentScript.src);
__md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
__md_get = (key, storage = localStorage, scope = __md_scope) =>
  JSON.parse(storage.getItem(scope.pathname + "." + key));
__md_set = (key, value, storage = localStorage, scope = __md_scope) => {
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    /* storage full or disabled: the page works without it */
  }
};
