/* Material for MkDocs' script after the page content, as a file (no inline script under the
   Content-Security-Policy): a link to the id of a content tab opens that tab. */
(() => {
  const target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
