// Move keyboard and screen-reader focus to a form's error summary, so the errors are heard first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});

// A button with data-confirm asks first (removing an action plan's row) with its form's question,
// kept once on the form rather than on each of a hundred buttons; "Cancel" sends nothing.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[data-confirm]");
  var question = button && (button.dataset.confirm || (button.form && button.form.dataset.confirmText));
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// The move and remove buttons of an action plan's row (in the row's inline form) share the page's
// one form (form="row-tools", each with its own formaction), so they can sit inside another form. With JavaScript the answer (the rows in their
// new order) replaces the part of the page the form names, without a page load.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[formaction]");
  var form = button && button.form;
  if (!form || !form.dataset.swapTarget || event.defaultPrevented || !window.htmx) { return; }
  event.preventDefault();
  window.htmx.ajax("POST", button.formAction, {source: form, target: form.dataset.swapTarget, swap: "outerHTML"});
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

// When htmx replaces the part of the page a keyboard user was working in (a row moved, a row
// turned into its form and back, the add form renewed), put the focus back there instead of
// leaving it on the page body, where the next Tab would start again from the top.
(function () {
  var FOCUSABLE = "a[href], button, input:not([type=hidden]), textarea, select";
  var before = null;
  // A row moved from its inline form comes back as a plain row: the focus goes to its "Edit".
  var partner = function (id) {
    return /^(up|down)-/.test(id) ? id.replace(/^(up|down)-/, "edit-") : null;
  };
  var usable = function (element) {
    return element && !element.disabled && element.getClientRects().length > 0;
  };
  document.addEventListener("htmx:beforeRequest", function (event) {
    var active = document.activeElement;
    var target = event.detail.target;
    before = {focus: active && active.id ? active.id : null, target: target && target.id ? target.id : null};
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!before) { return; }
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) { before = null; return; }
    var wanted = before.focus && document.getElementById(before.focus);
    if (!usable(wanted) && before.focus && partner(before.focus)) { wanted = document.getElementById(partner(before.focus)); }
    if (!usable(wanted) && before.target) {
      var area = document.getElementById(before.target);
      wanted = area && Array.prototype.find.call(area.querySelectorAll(FOCUSABLE), usable);
    }
    if (usable(wanted)) { wanted.focus(); }
    before = null;
  });
})();
