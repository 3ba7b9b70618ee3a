// The inspection form at the kiosk: what is typed is kept on the phone until the server has it.
// Sending goes through fetch, so a failed network leaves the page (and the chosen photos) as they
// are; the form's client token makes a repeated send record one inspection.
// A form marked data-position-form (a rollout's evidence) gets the phone's place the same way,
// and its photo scaled down before it is sent; the server keeps it while a mistake is corrected.
(function () {
  "use strict";

  // The phone's place into the form's latitude, longitude and accuracy_m fields; ``line`` says
  // whether it came. ``done`` runs after a place is written.
  function askPosition(form, line, done) {
    if (!navigator.geolocation) { if (line) { line.textContent = form.dataset.msgNoPosition; } return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.latitude.value = pos.coords.latitude.toFixed(6);
      form.elements.longitude.value = pos.coords.longitude.toFixed(6);
      form.elements.accuracy_m.value = Math.round(pos.coords.accuracy);
      if (line) { line.textContent = form.dataset.msgPosition + " (±" + Math.round(pos.coords.accuracy) + " m)"; }
      if (done) { done(); }
    }, function () {
      if (line) { line.textContent = form.dataset.msgNoPosition; }
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  // Photos from phone cameras are several megabytes; on a slow link send them scaled down to
  // 1600 pixels (the server keeps no more than that anyway).
  var MAX_SIDE = 1600;
  function shrink(file) {
    if (!window.createImageBitmap || !/^image\/(jpeg|png)$/.test(file.type) || file.size < 400000) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? new File([blob], file.name.replace(/\.png$/i, ".jpg"), { type: "image/jpeg" }) : file);
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  document.querySelectorAll("form[data-position-form]").forEach(function (evidence) {
    askPosition(evidence, document.getElementById("position-status"));
    var sending = false;
    evidence.addEventListener("submit", function (event) {
      var input = evidence.querySelector("input[type=file][accept^=image]");
      if (sending || !input || !input.files.length || !window.DataTransfer) { return; }
      event.preventDefault();
      sending = true;
      shrink(input.files[0]).then(function (file) {
        var list = new DataTransfer();
        list.items.add(file);
        input.files = list.files;
        evidence.submit();
      });
    });
  });

  var form = document.getElementById("inspection-form");
  if (!form) { return; }
  var key = form.dataset.draftKey;
  var statusBox = document.getElementById("inspection-status");

  function say(text, kind) {
    statusBox.textContent = text;
    statusBox.className = "alert alert-" + kind;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "file" && el.name !== "csrfmiddlewaretoken" && el.type !== "submit";
    });
  }

  function saveDraft() {
    var data = {};
    fields().forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { data[el.name] = el.value; }
      } else {
        data[el.name] = el.value;
      }
    });
    try { localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full or off */ }
  }

  function restoreDraft() {
    var raw = null;
    try { raw = localStorage.getItem(key); } catch (e) { return; }
    if (!raw || form.dataset.bound === "1") { return; }
    var data = JSON.parse(raw);
    var restored = false;
    fields().forEach(function (el) {
      if (!(el.name in data)) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = el.value === data[el.name];
      } else if (data[el.name] !== "") {
        el.value = data[el.name];
      }
      restored = true;
    });
    if (restored) { say(form.dataset.msgRestored, "info"); }
  }

  function showDependent() {
    var choice = form.elements.recommendation ? form.elements.recommendation.value : "";
    form.querySelectorAll("[data-show-for]").forEach(function (box) {
      box.hidden = box.dataset.showFor !== choice;
    });
  }

  function askInspectionPosition() {
    askPosition(form, document.getElementById("position-status"), saveDraft);
  }

  function bind() {
    form.addEventListener("input", saveDraft);
    form.addEventListener("change", function () { saveDraft(); showDependent(); });
    form.addEventListener("submit", send);
    showDependent();
  }

  // The chosen files stay in the form, so a retry scales them again (``shrink`` above).
  function formData() {
    var data = new FormData(form);
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files.length) { return Promise.resolve(data); }
    data.delete(input.name);
    return Promise.all(Array.prototype.map.call(input.files, shrink)).then(function (files) {
      files.forEach(function (file) { data.append(input.name, file, file.name); });
      return data;
    });
  }

  function send(event) {
    event.preventDefault();
    var button = form.querySelector("[type=submit]");
    button.disabled = true;
    saveDraft();
    say(form.dataset.msgSending, "secondary");
    formData().then(function (body) {
      return fetch(form.action || window.location.href, {
      method: "POST",
      body: body,
      headers: { "X-DEGS-Fetch": "1" },
      credentials: "same-origin"
      });
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (response.ok && type.indexOf("application/json") === 0) {
        return response.json().then(function (data) {
          try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
          window.location.assign(data.redirect);
        });
      }
      if (response.status === 400) {
        return response.text().then(function (html) { replaceForm(html); });
      }
      button.disabled = false;
      say(form.dataset.msgServer + " (" + response.status + ")", "danger");
    }).catch(function () {
      button.disabled = false;
      say(form.dataset.msgOffline, "warning");
    });
  }

  // The server found mistakes: show its form (with the messages) but keep the photos chosen.
  function replaceForm(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("inspection-form");
    if (!fresh) { say(form.dataset.msgServer, "danger"); return; }
    var photos = form.querySelector("input[type=file]");
    var freshPhotos = fresh.querySelector("input[type=file]");
    if (photos && freshPhotos) { freshPhotos.replaceWith(photos); }
    form.replaceWith(fresh);
    form = fresh;
    statusBox.className = "alert d-none";
    bind();
    askInspectionPosition();
    var first = form.querySelector(".invalid-feedback, .alert-danger");
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  restoreDraft();
  bind();
  askInspectionPosition();
})();
