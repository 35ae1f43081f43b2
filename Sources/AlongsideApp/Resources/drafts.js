// Keeps what someone types into a long form on this device until it is saved, so a dropped
// connection, a closed tab or an ended session never loses a note. Only forms the page marks
// with data-draft are kept; everything works the same without this script.
// Drafts hold people's words, so they go when the person signs out, and after a day regardless.
(function () {
  "use strict";
  var PREFIX = "alongside-draft:";
  var SENT = "alongside-draft-sent";
  var MAX_AGE = 24 * 60 * 60 * 1000;
  var store;
  var session;
  try {
    store = window.localStorage;
    session = window.sessionStorage;
    store.getItem(PREFIX);
  } catch (e) {
    return;
  }

  function keyFor(form) {
    return PREFIX + window.location.pathname + "|" + (form.getAttribute("action") || "");
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.name.charAt(0) !== "_" && field.name !== "version" &&
        ["hidden", "password", "submit", "button"].indexOf(field.type) === -1;
    });
  }

  function read(form) {
    var values = {};
    fieldsOf(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { (values[field.name] = values[field.name] || []).push(field.value); }
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function write(form, values) {
    fieldsOf(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = (values[field.name] || []).indexOf(field.value) !== -1;
      } else if (typeof values[field.name] === "string") {
        field.value = values[field.name];
      }
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function removeAll() {
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) { store.removeItem(key); }
    }
  }

  // Old drafts go, whatever they held.
  for (var i = store.length - 1; i >= 0; i--) {
    var key = store.key(i);
    if (key && key.indexOf(PREFIX) === 0) {
      try {
        if (Date.now() - JSON.parse(store.getItem(key)).at > MAX_AGE) { store.removeItem(key); }
      } catch (e) {
        store.removeItem(key);
      }
    }
  }

  var showingProblems = document.querySelector(".error-summary, [aria-invalid='true'], .stale-version") !== null;
  var waitingToSave = ["/login", "/resume"].indexOf(window.location.pathname) !== -1;

  // A form was sent from here: if this page isn't it coming back with a problem, or the way
  // back to it after signing in again, it was saved.
  var sent = session.getItem(SENT);
  if (sent && !showingProblems && !waitingToSave) {
    store.removeItem(sent);
    session.removeItem(SENT);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.sign-out"), function (form) {
    form.addEventListener("submit", removeAll);
  });

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    var key = keyFor(form);
    var saved = null;
    try { saved = JSON.parse(store.getItem(key)); } catch (e) { saved = null; }
    // A page showing a problem already holds the latest words, sent back by the server.
    if (saved && saved.values && !showingProblems && !same(saved.values, read(form))) {
      write(form, saved.values);
      var notice = document.createElement("p");
      notice.className = "notice draft-notice";
      notice.setAttribute("role", "status");
      notice.appendChild(document.createTextNode("We kept what you typed here on this device, and put it back. "));
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "link-button";
      clear.textContent = "Start again without it";
      clear.addEventListener("click", function () {
        store.removeItem(key);
        window.location.reload();
      });
      notice.appendChild(clear);
      form.parentNode.insertBefore(notice, form);
    }
    var timer = null;
    function keep() {
      timer = null;
      store.setItem(key, JSON.stringify({ at: Date.now(), values: read(form) }));
    }
    function soon() {
      if (timer === null) { timer = window.setTimeout(keep, 400); }
    }
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
    form.addEventListener("submit", function () {
      if (timer !== null) { window.clearTimeout(timer); }
      keep();
      session.setItem(SENT, key);
    });
  });
})();
