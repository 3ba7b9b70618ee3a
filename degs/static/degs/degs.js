// Opening and closing an area in the tree: the click first flips the state, then htmx loads the
// children only when the row was opened (its hx-trigger filter reads aria-expanded).
function degsToggle(button) {
  var target = document.getElementById(button.getAttribute("aria-controls"));
  var open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", open ? "false" : "true");
  button.querySelector("[aria-hidden]").textContent = open ? "+" : "−";
  if (open && target) { target.innerHTML = ""; }
}

// Lists that narrow as you choose (the kiosk locator): a change sends the form again; choosing
// a district clears the block and panchayat, choosing a block clears the panchayat.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches("[data-autosubmit]")) { return; }
  var form = select.form;
  if (select.name === "district") { form.block.value = ""; form.panchayat.value = ""; }
  if (select.name === "block") { form.panchayat.value = ""; }
  form.submit();
});

// Long tables on a phone (table.degs-cards, see degs.css): each cell is labelled with its
// column's heading, so a row read as a card still says what each value is.
function degsLabelCells(root) {
  root.querySelectorAll("table.degs-cards").forEach(function (table) {
    var heads = [];
    var headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headRow) { return; }
    Array.prototype.forEach.call(headRow.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { heads.push(cell.textContent.trim()); }
    });
    var bodies = Array.prototype.slice.call(table.tBodies);
    if (table.tFoot) { bodies.push(table.tFoot); }
    bodies.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
            cell.setAttribute("data-label", heads[column] || "");
          }
          column += cell.colSpan || 1;
        });
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { degsLabelCells(document); });
document.addEventListener("htmx:load", function () { degsLabelCells(document); });

// A form that must reach the server once (form[data-submit-once], e.g. building a review pack):
// a second click while the first is on its way sends nothing more. The server refuses a second
// build as well (two people at once); this spares a slow link the second request. Coming back
// to the page (the browser's back button keeps it) lets it be sent again.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-submit-once]")) { return; }
  if (form.hasAttribute("data-sent")) { event.preventDefault(); return; }
  form.setAttribute("data-sent", "");
});
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sent]").forEach(function (form) {
    form.removeAttribute("data-sent");
  });
});
