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
