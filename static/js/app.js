// Move keyboard and screen-reader focus to a form's error summary, so the errors are heard first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});

// Tables in questionnaires: "Add a row" copies the last row, empty, up to the question's limit.
// Without JavaScript the button stays hidden and saving the answer offers new empty rows.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var form = button.closest("form");
    var table = form.querySelector("table[data-max-rows]");
    var count = form.querySelector("input[name=rows]");
    if (!table || !count) { return; }
    var limit = parseInt(table.dataset.maxRows, 10);
    var refresh = function () { button.hidden = table.tBodies[0].rows.length >= limit; };
    button.addEventListener("click", function () {
      var rows = table.tBodies[0].rows;
      var copy = rows[rows.length - 1].cloneNode(true);
      var index = rows.length;
      copy.querySelectorAll("input").forEach(function (input, column) {
        input.value = "";
        input.name = "cell-" + index + "-" + column;
        input.setAttribute("aria-label", table.dataset.rowLabel
          .replace("%(column)s", input.dataset.column).replace("%(row)s", String(index + 1)));
      });
      table.tBodies[0].appendChild(copy);
      count.value = String(index + 1);
      copy.querySelector("input").focus();
      refresh();
    });
    refresh();
  });
});
