// Material 9.8.2's "share" button in the search box copies the link of the query as it was one
// keystroke earlier: on each change it stores the button's old href as the text to copy, then
// sets the new href. Copy the button's own link instead (this runs before Material's listener).
document.addEventListener("click", function (event) {
  var share = event.target.closest && event.target.closest("[data-md-component=search-share]");
  if (share) share.setAttribute("data-clipboard-text", share.href);
}, true);
