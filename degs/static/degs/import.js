// The press-note import's review page: the other people the note may name as the chair are
// buttons; one click puts that name and designation into the chair's fields. Without script the
// buttons stay hidden and the name field offers the same names from its datalist.
(function () {
  "use strict";

  document.querySelectorAll(".chair-candidates[data-name-input]").forEach(function (box) {
    var name = document.getElementById(box.dataset.nameInput);
    var designation = document.getElementById(box.dataset.designationInput);
    if (!name || !designation) { return; }
    var buttons = box.querySelectorAll("button[data-name]");

    // The button of the person the fields hold now is hidden: it would change nothing.
    function refresh() {
      buttons.forEach(function (button) {
        button.hidden = button.dataset.name === name.value.trim() &&
          button.dataset.designation === designation.value.trim();
      });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        name.value = button.dataset.name;
        designation.value = button.dataset.designation;
        [name, designation].forEach(function (input) {
          input.dispatchEvent(new Event("input", { bubbles: true }));
          input.dispatchEvent(new Event("change", { bubbles: true }));
        });
        refresh();
        name.focus();
      });
    });
    name.addEventListener("input", refresh);
    designation.addEventListener("input", refresh);
    box.hidden = false;
  });
})();
