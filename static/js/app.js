// Move keyboard and screen-reader focus to a form's error summary, so the errors are heard first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
