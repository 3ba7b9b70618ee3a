// Opening and closing an area in the tree: the click first flips the state, then htmx loads the
// children only when the row was opened (its hx-trigger filter reads aria-expanded).
function degsToggle(button) {
  var target = document.getElementById(button.getAttribute("aria-controls"));
  var open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", open ? "false" : "true");
  button.querySelector("[aria-hidden]").textContent = open ? "+" : "−";
  if (open && target) { target.innerHTML = ""; }
}
